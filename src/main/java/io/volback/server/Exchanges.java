package io.volback.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exchanges answers requests: JSON bodies, JSON errors, and a guard that no handler escapes. */
final class Exchanges {
  private static final Logger log = LoggerFactory.getLogger(Exchanges.class);

  private Exchanges() {}

  static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", ApiJson.bytes(body));
  }

  static void sendError(HttpExchange exchange, int status, String message) throws IOException {
    sendJson(exchange, status, new ApiJson.Error(status, message));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** True for GET and HEAD; else answers 405 and returns false. */
  static boolean readOnly(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    sendError(exchange, 405, method + " is not allowed on " + exchange.getRequestURI().getPath());
    return false;
  }

  /** handler, with any failure answered as 500 and logged, and the exchange always closed. */
  static HttpHandler guarded(HttpHandler handler) {
    return exchange -> {
      try (exchange) {
        handler.handle(exchange);
      } catch (Exception e) {
        log.warn("{} {} failed: {}", exchange.getRequestMethod(), path(exchange), e.toString());
        try {
          sendError(exchange, 500, "internal error: " + e.getMessage());
        } catch (IOException | RuntimeException alreadyAnswered) {
          // Headers were sent already; closing the exchange ends the response.
        }
      }
    };
  }

  static String path(HttpExchange exchange) {
    return exchange.getRequestURI().getPath();
  }
}
