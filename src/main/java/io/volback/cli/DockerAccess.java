package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.app.VolumeHost;
import io.volback.docker.DockerContexts;
import io.volback.docker.DockerEndpoint;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHosts;
import io.volback.docker.LocalMountpoint;
import io.volback.wiring.DockerVolumeHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * DockerAccess opens the Docker host of the command line (--context, -H, DOCKER_HOST,
 * DOCKER_CONTEXT, the docker CLI's current context, else the local socket) and says where volume
 * mountpoints can be read directly: in place, or under VOLBACK_VOLUMES_DIR when the engine's
 * /var/lib/docker/volumes is mounted there.
 */
final class DockerAccess {
  static final String ENGINE_VOLUMES = "/var/lib/docker/volumes";

  private DockerAccess() {}

  /** Opens the engine that -H (host) or --context (context) or the environment names. */
  static DockerHost open(String host, String context) throws IOException {
    return DockerHosts.fromEnvironment().connect(endpoint(host, context));
  }

  /**
   * The engine's endpoint, chosen as the docker CLI chooses it; an unknown context, -H with
   * --context, or an ssh:// host is a usage error.
   */
  static DockerEndpoint endpoint(String host, String context) {
    try {
      return new DockerContexts(System.getenv()).resolve(host, context);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The volume use cases' view of host, with its mountpoints where this process can reach them. */
  static VolumeHost volumeHost(DockerHost host) {
    return new DockerVolumeHost(host, localMountpoint(System.getenv()));
  }

  static LocalMountpoint localMountpoint(Map<String, String> env) {
    String dir = env.get("VOLBACK_VOLUMES_DIR");
    if (dir == null || dir.isBlank()) {
      return LocalMountpoint.direct();
    }
    return LocalMountpoint.remapped(Path.of(ENGINE_VOLUMES), Path.of(dir));
  }
}
