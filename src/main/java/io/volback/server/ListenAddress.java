package io.volback.server;

import java.net.InetSocketAddress;

/**
 * ListenAddress reads the HOST:PORT of --listen and the configuration's listen key:
 * "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:9090", ":8080" (every interface). Port 0 picks a free
 * port.
 */
public final class ListenAddress {
  private ListenAddress() {}

  /**
   * The address text names, unresolved host names resolved.
   *
   * @throws IllegalArgumentException naming what, with text, when it is not HOST:PORT
   */
  public static InetSocketAddress parse(String what, String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(what, text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw invalid(what, text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(what, text);
    }
    if (port < 0 || port > 65535) {
      throw invalid(what, text);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private static IllegalArgumentException invalid(String what, String text) {
    return new IllegalArgumentException(
        what + " takes HOST:PORT (as 127.0.0.1:8080 or [::1]:8080), not '" + text + "'");
  }
}
