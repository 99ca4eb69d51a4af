package io.volback.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * TcpRelay listens on a free loopback port and forwards each connection to a target, so a test can
 * make a server unreachable and reachable again without stopping it: {@link #cut} closes every open
 * connection and closes new ones as soon as they are accepted (the client sees a reset or an end of
 * stream), {@link #restore} forwards again. Its threads are daemons and {@link #close} ends them.
 */
public final class TcpRelay implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 64;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tcp-relay");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private TcpRelay(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /** Starts a relay to host:port. */
  public static TcpRelay start(String host, int port) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    TcpRelay relay = new TcpRelay(server, new InetSocketAddress(host, port));
    relay.threads.execute(relay::acceptLoop);
    return relay;
  }

  /** Starts a relay to the host and port of an http URI. */
  public static TcpRelay to(URI endpoint) throws IOException {
    return start(endpoint.getHost(), endpoint.getPort());
  }

  /** The relay's address as an http URI (what the client is pointed at). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Closes the open connections and every new one from now on. */
  public void cut() {
    cut = true;
    open.forEach(TcpRelay::closeQuietly);
    open.clear();
  }

  /** Forwards new connections again. */
  public void restore() {
    cut = false;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (cut || open.size() >= MAX_CONNECTIONS * 2) {
        closeQuietly(client);
        continue;
      }
      threads.execute(() -> relay(client));
    }
  }

  private void relay(Socket client) {
    Socket upstream = new Socket();
    open.add(client);
    open.add(upstream);
    try {
      upstream.connect(target, 5000);
      if (cut) {
        return;
      }
      threads.execute(() -> pump(upstream, client));
      pump(client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    } finally {
      if (cut) {
        closeQuietly(client);
        closeQuietly(upstream);
      }
    }
  }

  /** Copies from one socket to the other until either ends; then closes both. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[64 << 10];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side or cut() closed it
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws InterruptedException {
    closeQuietly(server);
    cut();
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
