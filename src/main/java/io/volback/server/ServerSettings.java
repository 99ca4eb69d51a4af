package io.volback.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * ServerSettings is where the HTTP server listens and who may trigger runs.
 *
 * @param listen the address to bind; port 0 picks a free port (tests)
 * @param apiToken the bearer token POST endpoints require; empty makes the API read-only
 * @param threads how many threads answer requests
 */
public record ServerSettings(InetSocketAddress listen, Optional<String> apiToken, int threads) {
  /** The default address: loopback only, port 8080. */
  public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 8080);

  public ServerSettings {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(apiToken, "apiToken");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    apiToken = apiToken.filter(token -> !token.isEmpty());
  }

  /** Listens on address with a read-only API. */
  public static ServerSettings readOnly(InetSocketAddress listen) {
    return new ServerSettings(listen, Optional.empty(), 4);
  }

  /** The same settings with token as the API's bearer token. */
  public ServerSettings withApiToken(String token) {
    return new ServerSettings(listen, Optional.of(token), threads);
  }

  @Override
  public String toString() {
    // The token is a secret: never in a log line or an error.
    return "ServerSettings[listen="
        + listen
        + ", apiToken="
        + (apiToken.isPresent() ? "***" : "none")
        + ", threads="
        + threads
        + "]";
  }
}
