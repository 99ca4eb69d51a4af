package io.volback.docker;

import java.time.Duration;
import java.util.Map;

/** ProbeHolder is a child process for ProbeCleanupTest: it runs a probe that sleeps for long. */
public final class ProbeHolder {
  public static void main(String[] args) throws Exception {
    DockerHost host = new DockerHosts(Map.of()).open(args[0]);
    ProbeContainer.run(host, args[1], args[2], "sleep 600", "/data", Duration.ofMinutes(10));
  }

  private ProbeHolder() {}
}
