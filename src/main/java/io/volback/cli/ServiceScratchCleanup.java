package io.volback.cli;

import io.volback.app.ScratchVolumes;
import io.volback.config.DockerHostConfig;
import io.volback.config.ServiceConfig;
import io.volback.docker.DockerHost;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceScratchCleanup removes, when the service starts, the scratch volumes that drills killed
 * before their cleanup (SIGKILL, a crash) left on the configured hosts; a drill still running
 * elsewhere keeps its own. A host that does not answer is left for the next start.
 */
final class ServiceScratchCleanup {
  private static final Logger log = LoggerFactory.getLogger("io.volback.service");

  private ServiceScratchCleanup() {}

  static void run(ServiceConfig config, ServiceHosts hosts) {
    for (DockerHostConfig host : config.hosts()) {
      try (DockerHost docker = hosts.open(host)) {
        ScratchVolumes.Cleanup cleanup =
            ScratchVolumes.removeLeftovers(DockerAccess.volumeHost(docker));
        for (String name : cleanup.removed()) {
          log.info("removed the leftover drill scratch volume {} on {}", name, host.name());
        }
        cleanup.problems().forEach(p -> log.warn("{}", p));
      } catch (IOException | RuntimeException e) {
        log.warn(
            "leftover drill scratch volumes on {} were not looked for: {}",
            host.name(),
            ErrorReporter.message(e));
      }
    }
  }
}
