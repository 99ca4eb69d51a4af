package io.volback.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.DockerHosts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DockerEngines gives tests the two real engines: A (unix:///var/run/docker.sock) and B, "the other
 * host" (unix:///var/run/docker2.sock); env VOLBACK_TEST_DOCKER_A / _B override them. An engine
 * that does not answer fails the test: it is never skipped.
 */
public final class DockerEngines {
  private static final Map<String, DockerHost> OPEN = new ConcurrentHashMap<>();

  private DockerEngines() {}

  public static String addressA() {
    return env("VOLBACK_TEST_DOCKER_A", "unix:///var/run/docker.sock");
  }

  public static String addressB() {
    return env("VOLBACK_TEST_DOCKER_B", "unix:///var/run/docker2.sock");
  }

  /** Engine A, opened once per test JVM. */
  public static DockerHost a() {
    return open("A", addressA());
  }

  /** Engine B, opened once per test JVM. */
  public static DockerHost b() {
    return open("B", addressB());
  }

  private static DockerHost open(String label, String address) {
    return OPEN.computeIfAbsent(
        address,
        a -> {
          try {
            return new DockerHosts(Map.of()).open(a);
          } catch (DockerHostException e) {
            return fail(
                "Docker engine "
                    + label
                    + " does not answer ("
                    + e.getMessage()
                    + "). Run scripts/setup-machine.sh as root to install and start the test engines.");
          }
        });
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
