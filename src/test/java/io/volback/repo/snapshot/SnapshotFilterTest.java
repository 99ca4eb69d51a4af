package io.volback.repo.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * restic's filter semantics: kinds combine with and, values of a kind with or, tag lists with and.
 */
class SnapshotFilterTest {
  private static final Snapshot ON_VM1 =
      snapshot("vm1", List.of("daily", "db"), volume("pg", "unix:///var/run/docker.sock", "E1"));
  private static final Snapshot ON_VM2 =
      snapshot("vm2", List.of("daily"), volume("pg", "unix:///var/run/docker.sock", "E2"));

  @Test
  void anEmptyFilterMatchesEverything() {
    assertThat(SnapshotFilter.ALL.isEmpty()).isTrue();
    assertThat(SnapshotFilter.ALL.matches(ON_VM1)).isTrue();
    assertThat(SnapshotFilter.ALL.describe()).isEmpty();
  }

  @Test
  void hostnamesAreAlternatives() {
    assertThat(filter(List.of("vm1"), null, null, null).matches(ON_VM2)).isFalse();
    assertThat(filter(List.of("vm1", "vm2"), null, null, null).matches(ON_VM2)).isTrue();
  }

  @Test
  void aCommaListOfTagsNeedsAllOfThemAndRepeatedTagsAnyList() {
    assertThat(filter(null, List.of("daily,db"), null, null).matches(ON_VM1)).isTrue();
    assertThat(filter(null, List.of("daily,db"), null, null).matches(ON_VM2)).isFalse();
    assertThat(filter(null, List.of("daily,db", "daily"), null, null).matches(ON_VM2)).isTrue();
    assertThat(filter(null, List.of("weekly"), null, null).matches(ON_VM1)).isFalse();
  }

  @Test
  void aDockerHostMatchesTheRecordedAddressOrTheEngineId() {
    assertThat(filter(null, null, null, List.of("e2")).matches(ON_VM2)).isTrue();
    assertThat(filter(null, null, null, List.of("E2")).matches(ON_VM1)).isFalse();
    assertThat(filter(null, null, null, List.of("unix:///var/run/docker.sock")).matches(ON_VM1))
        .isTrue();
    Snapshot directory = snapshot("vm1", List.of(), SourceInfo.directory("www", "/srv/www"));
    assertThat(filter(null, null, null, List.of("E1")).matches(directory)).isFalse();
  }

  @Test
  void kindsCombineWithAnd() {
    SnapshotFilter f = filter(List.of("vm1"), List.of("daily"), List.of("pg"), null);
    assertThat(f.matches(ON_VM1)).isTrue();
    assertThat(f.matches(ON_VM2)).isFalse();
    assertThat(f.describe()).isEqualTo(" of volume 'pg' and hostname 'vm1' and tag 'daily'");
    assertThat(filter(List.of("a", "b"), null, null, null).describe())
        .isEqualTo(" with hostname 'a' or 'b'");
  }

  private static SnapshotFilter filter(
      List<String> hostnames, List<String> tags, List<String> volumes, List<String> dockerHosts) {
    return new SnapshotFilter(hostnames, tags, volumes, dockerHosts);
  }

  private static SourceInfo volume(String name, String address, String engineId) {
    return SourceInfo.volume(name).dockerHost(address, engineId).readPath("api").build();
  }

  private static Snapshot snapshot(String hostname, List<String> tags, SourceInfo source) {
    return new Snapshot(
        1, Instant.EPOCH, hostname, "root", source, tags, List.of(), null, null, null);
  }
}
