package io.volback.config;

/**
 * DockerHostConfig is one Docker engine the service backs up, by name.
 *
 * @param name the name policies and run records use ("local", "db-host")
 * @param address unix:///path or tcp://host:port; null for the CLI's choice (-H, DOCKER_HOST, the
 *     docker context, the local socket)
 * @param tls client TLS files for a tcp:// address, or null for none
 * @param hostname the machine name its snapshots record, or null for the engine's own name
 */
public record DockerHostConfig(String name, String address, Tls tls, String hostname) {
  /** The name of the single host of a configuration without hosts. */
  public static final String DEFAULT_NAME = "default";

  /** The one host of a configuration that names none: the CLI's choice. */
  public static DockerHostConfig defaultHost(String address) {
    return new DockerHostConfig(DEFAULT_NAME, address, null, null);
  }

  /**
   * Tls is the PEM files of a TLS connection to an engine, as the docker CLI's --tlscacert,
   * --tlscert and --tlskey (cert-path DIR means DIR/ca.pem, DIR/cert.pem, DIR/key.pem).
   *
   * @param ca the certificate authority to trust, or null for the JVM's
   * @param cert the client certificate, or null
   * @param key the client key, or null
   */
  public record Tls(String ca, String cert, String key) {}
}
