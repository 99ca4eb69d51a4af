package io.volback.server;

import com.sun.net.httpserver.HttpServer;
import io.volback.concurrent.DaemonPool;
import io.volback.schedule.ServiceScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * ServiceHttpServer is the service's HTTP endpoint on the JDK's HttpServer: /healthz, /readyz,
 * /metrics and the JSON API under /api/v1, answered by a fixed number of daemon threads. It binds
 * when started; {@link #address()} is the bound address (port 0 picks a free one).
 */
public final class ServiceHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;

  private ServiceHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Binds settings.listen() and starts answering.
   *
   * @throws IOException when the address cannot be bound (in use, not local), with the address
   *     named
   */
  public static ServiceHttpServer start(
      ServerSettings settings,
      ServiceScheduler scheduler,
      ServiceMetrics metrics,
      ReadinessProbe readiness,
      VolumeCatalog volumes)
      throws IOException {
    return start(settings, scheduler, metrics, readiness, volumes, PolicyCatalog.NONE);
  }

  /** Binds settings.listen() and starts answering, with the policies of the configuration. */
  public static ServiceHttpServer start(
      ServerSettings settings,
      ServiceScheduler scheduler,
      ServiceMetrics metrics,
      ReadinessProbe readiness,
      VolumeCatalog volumes,
      PolicyCatalog policies)
      throws IOException {
    return start(settings, scheduler, metrics, readiness, volumes, policies, DrillCatalog.NONE);
  }

  /** Binds settings.listen() and starts answering, with the policies and the drill records. */
  public static ServiceHttpServer start(
      ServerSettings settings,
      ServiceScheduler scheduler,
      ServiceMetrics metrics,
      ReadinessProbe readiness,
      VolumeCatalog volumes,
      PolicyCatalog policies,
      DrillCatalog drills)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(settings.listen(), 64);
    } catch (IOException e) {
      throw new IOException(
          "cannot listen on " + describe(settings.listen()) + ": " + e.getMessage(), e);
    }
    HealthHandlers health = new HealthHandlers(scheduler, readiness);
    ApiHandler api = new ApiHandler(scheduler, volumes, policies, settings.apiToken(), drills);
    server.createContext("/healthz", Exchanges.guarded(health::healthz));
    server.createContext("/readyz", Exchanges.guarded(health::readyz));
    server.createContext(
        "/metrics",
        Exchanges.guarded(
            exchange -> {
              if (Exchanges.readOnly(exchange)) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                metrics.writeTo(text);
                Exchanges.send(exchange, 200, ServiceMetrics.CONTENT_TYPE, text.toByteArray());
              }
            }));
    server.createContext(
        ApiHandler.PREFIX,
        Exchanges.guarded(
            exchange -> {
              try {
                api.handle(exchange);
              } catch (IOException | RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
              }
            }));
    server.createContext(
        "/",
        Exchanges.guarded(
            exchange ->
                Exchanges.sendError(exchange, 404, "not found: " + Exchanges.path(exchange))));
    ExecutorService threads =
        Executors.newFixedThreadPool(
            settings.threads(), task -> DaemonPool.newThread("volback-http", task));
    server.setExecutor(threads);
    server.start();
    return new ServiceHttpServer(server, threads);
  }

  /** The address the server is bound to, with the real port. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Stops accepting, lets exchanges in progress finish for at most grace, then stops the threads.
   */
  public void stop(Duration grace) {
    server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds())));
    threads.shutdown();
    try {
      if (!threads.awaitTermination(grace.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(2));
  }

  private static String describe(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
