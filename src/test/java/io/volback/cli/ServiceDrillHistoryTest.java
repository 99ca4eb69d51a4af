package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.config.ConfigLoader;
import io.volback.config.ServiceConfig;
import io.volback.repo.drill.StoredDrill;
import io.volback.testsupport.TestDrills;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The drill records read at the service's start, under the configured names of their hosts. */
@Timeout(30)
class ServiceDrillHistoryTest {
  private final ServiceConfig config;
  private final List<String> fed = new ArrayList<>();

  ServiceDrillHistoryTest() throws Exception {
    config =
        ConfigLoader.parse(
            """
            hosts:
              - {name: a, address: unix:///var/run/docker.sock}
              - {name: b, address: unix:///var/run/docker2.sock}
            """,
            Path.of("volback.yml"),
            ZoneId.of("UTC"));
  }

  @Test
  void recordsCountUnderTheNameOfTheHostTheyRestoredOnAndUnknownHostsAreLeftOut() {
    int loaded =
        ServiceDrillHistory.load(
            config,
            () ->
                List.of(
                    drill("01", "pgdata", "unix:///var/run/docker2.sock"),
                    drill("02", "web", "unix:///var/run/docker.sock"),
                    drill("03", "pgdata", "tcp://elsewhere:2376")),
            (host, d) -> fed.add(d.volume() + "@" + host));
    assertThat(loaded).isEqualTo(2);
    assertThat(fed).containsExactly("pgdata@b", "web@a");
  }

  @Test
  void aRepositoryThatCannotBeReadLeavesTheMetricsEmpty() {
    int loaded =
        ServiceDrillHistory.load(
            config,
            () -> {
              throw new java.io.IOException("S3 is unreachable");
            },
            (host, d) -> fed.add(host));
    assertThat(loaded).isZero();
    assertThat(fed).isEmpty();
  }

  private static StoredDrill drill(String second, String volume, String targetAddress) {
    return TestDrills.passed(
        Instant.parse("2026-11-30T12:00:" + second + "Z"), volume, targetAddress);
  }
}
