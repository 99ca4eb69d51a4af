package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.config.DockerHostConfig;
import io.volback.docker.DockerEndpoint;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ServiceHosts opens the service's Docker hosts by their names in the configuration. A host without
 * an address is the command line's (-H, --context, DOCKER_HOST, else the local socket). TLS files
 * are read from one folder as the docker CLI keeps them (ca.pem, cert.pem, key.pem).
 */
final class ServiceHosts {
  private final String cliHost;
  private final String cliContext;

  ServiceHosts(String cliHost, String cliContext) {
    this.cliHost = cliHost;
    this.cliContext = cliContext;
  }

  DockerEndpoint endpoint(DockerHostConfig host) {
    if (host.address() == null) {
      return DockerAccess.endpoint(cliHost, cliContext);
    }
    if (host.tls() == null || host.tls().cert() == null) {
      return DockerEndpoint.plain(host.address(), "host " + host.name());
    }
    Path dir = Path.of(host.tls().cert()).toAbsolutePath().getParent();
    boolean standard =
        Path.of(host.tls().cert()).getFileName().toString().equals("cert.pem")
            && Path.of(host.tls().key()).toAbsolutePath().equals(dir.resolve("key.pem"))
            && (host.tls().ca() == null
                || Path.of(host.tls().ca()).toAbsolutePath().equals(dir.resolve("ca.pem")));
    if (!standard) {
      throw new UsageException(
          "host "
              + host.name()
              + ": TLS files must be ca.pem, cert.pem and key.pem in one folder (give cert-path)");
    }
    return new DockerEndpoint(host.address(), Optional.of(dir), true, "host " + host.name());
  }

  /** Opens the host; the caller closes it. */
  DockerHost open(DockerHostConfig host) throws IOException {
    return DockerHosts.fromEnvironment().connect(endpoint(host));
  }
}
