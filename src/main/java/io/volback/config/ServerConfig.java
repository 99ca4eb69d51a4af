package io.volback.config;

/**
 * ServerConfig is the service's HTTP endpoint (health, metrics, the JSON API).
 *
 * @param listen host:port to listen on (the CLI's --listen overrides it)
 * @param token where the bearer token of the POST endpoints is read; null for a read-only API
 */
public record ServerConfig(String listen, SecretRef token) {
  public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
  public static final ServerConfig DEFAULT = new ServerConfig(DEFAULT_LISTEN, null);
}
