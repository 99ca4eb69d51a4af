package io.volback.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HttpReceiver is a small HTTP server on a free loopback port that answers 200 to everything and
 * keeps what it received (webhooks, ping URLs).
 */
public final class HttpReceiver implements AutoCloseable {
  /** One request: method, path (with query) and body. */
  public record Request(String method, String path, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private HttpReceiver(HttpServer server) {
    this.server = server;
  }

  public static HttpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    HttpReceiver receiver = new HttpReceiver(server);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          receiver.requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
