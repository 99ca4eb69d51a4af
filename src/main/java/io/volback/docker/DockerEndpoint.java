package io.volback.docker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * DockerEndpoint is where and how to reach one engine: its address (unix:///path or
 * tcp://host:port), the folder of its TLS files (ca.pem, cert.pem, key.pem) when TLS is used,
 * whether the server certificate is checked, and what chose it ("-H", "DOCKER_HOST", "context
 * remote"), for messages.
 */
public record DockerEndpoint(
    String address, Optional<Path> tlsDir, boolean verifyTls, String source) {

  /** An endpoint without TLS. */
  public static DockerEndpoint plain(String address, String source) {
    return new DockerEndpoint(address, Optional.empty(), true, source);
  }
}
