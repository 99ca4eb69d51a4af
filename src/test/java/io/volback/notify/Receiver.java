package io.volback.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Receiver is a small in-test HTTP receiver (the JDK's HttpServer on a free loopback port) that
 * keeps every request it gets. A stalling receiver holds each request until closed, to play a
 * webhook endpoint that does not answer in time.
 */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(String method, String path, String query, String contentType, String body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(Receiver::daemon);
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);

  Receiver(boolean stall) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            if (stall) {
              release.await(30, TimeUnit.SECONDS);
            }
            exchange.sendResponseHeaders(200, -1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** The next request, waiting at most 10 s for it. */
  Request next() throws InterruptedException {
    Request request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the receiver got no request within 10 s");
    }
    return request;
  }

  /** True when no further request arrives within a short while. */
  boolean nothingMore() throws InterruptedException {
    return requests.poll(300, TimeUnit.MILLISECONDS) == null;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "test-receiver");
    thread.setDaemon(true);
    return thread;
  }
}
