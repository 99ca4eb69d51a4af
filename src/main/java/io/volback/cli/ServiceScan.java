package io.volback.cli;

import io.volback.app.ServicePlan;
import io.volback.app.VolumeHost;
import io.volback.config.DockerHostConfig;
import io.volback.config.ServiceConfig;
import io.volback.docker.DockerHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ServiceScan looks at the service's Docker hosts: each host's volumes, which the configuration's
 * policies and the volumes' labels protect. The start, the label rescans, forget+prune, drills and
 * the API's catalog all see the hosts through it.
 */
final class ServiceScan {
  private final ServiceConfig config;
  private final ServiceHosts hosts;

  ServiceScan(ServiceConfig config, ServiceHosts hosts) {
    this.config = config;
    this.hosts = hosts;
  }

  /**
   * What one host protects.
   *
   * @param host the host's configuration
   * @param address the engine's address, as snapshots record it
   * @param plan the protected volumes, malformed labels and conflicts
   */
  record HostScan(DockerHostConfig host, String address, ServicePlan.Plan plan) {}

  /**
   * Every host's scan, in the configuration's order.
   *
   * @param reached the hosts that answered
   * @param unreachable the names of the hosts that did not, with why
   */
  record Scan(List<HostScan> reached, Map<String, String> unreachable) {}

  /** Opens the host, lists its volumes and closes it again. */
  HostScan host(DockerHostConfig host) throws IOException {
    try (DockerHost docker = hosts.open(host)) {
      return plan(host, DockerAccess.volumeHost(docker));
    }
  }

  /** The plan of a host the caller has open. */
  HostScan plan(DockerHostConfig host, VolumeHost open) throws IOException {
    return new HostScan(
        host, open.address(), new ServicePlan(config).protect(host.name(), open.volumes()));
  }

  /** Every host; one that does not answer is named in unreachable, not thrown. */
  Scan all() {
    List<HostScan> reached = new ArrayList<>();
    Map<String, String> unreachable = new LinkedHashMap<>();
    for (DockerHostConfig host : config.hosts()) {
      try {
        reached.add(host(host));
      } catch (IOException e) {
        unreachable.put(host.name(), e.getMessage());
      }
    }
    return new Scan(reached, unreachable);
  }
}
