package io.volback.cli;

import io.volback.docker.DockerHost;
import io.volback.docker.DockerHosts;
import io.volback.docker.LocalMountpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * DockerAccess opens the Docker host of the command line (-H, else DOCKER_HOST, else the local
 * socket) and says where volume mountpoints can be read directly: in place, or under
 * VOLBACK_VOLUMES_DIR when the engine's /var/lib/docker/volumes is mounted there.
 */
final class DockerAccess {
  static final String ENGINE_VOLUMES = "/var/lib/docker/volumes";

  private DockerAccess() {}

  static DockerHost open(String address) throws IOException {
    return DockerHosts.fromEnvironment().open(address);
  }

  static LocalMountpoint localMountpoint(Map<String, String> env) {
    String dir = env.get("VOLBACK_VOLUMES_DIR");
    if (dir == null || dir.isBlank()) {
      return LocalMountpoint.direct();
    }
    return LocalMountpoint.remapped(Path.of(ENGINE_VOLUMES), Path.of(dir));
  }
}
