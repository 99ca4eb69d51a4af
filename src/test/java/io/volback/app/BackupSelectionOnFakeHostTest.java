package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** backup --all --label / --exclude-volume: which volumes BackupVolumes takes. */
@Timeout(60)
class BackupSelectionOnFakeHostTest {
  @TempDir Path dir;
  private Repository repo;
  private FakeVolumeHost host;

  @BeforeEach
  void setUp() throws IOException {
    repo =
        Repository.init(
            new MemoryStore(), "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
    host = new FakeVolumeHost("unix:///run/a.sock", dir);
    for (String name : List.of("db-main", "db-cache", "web", "web-tmp")) {
      host.add(name, Map.of("f.txt", name));
    }
    host.label("db-main", Map.of("backup", "yes", "tier", "gold"));
    host.label("db-cache", Map.of("backup", "no", "tier", "gold"));
    host.label("web", Map.of("backup", "yes"));
    host.label("web-tmp", Map.of("backup", ""));
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  private List<String> all(List<String> labels, List<String> excludes) throws IOException {
    return new BackupVolumes(repo, host, ProgressListener.NONE)
            .run(
                new BackupVolumes.Request(
                    List.of(),
                    true,
                    false,
                    List.of(),
                    AccessPath.AUTO,
                    false,
                    new VolumeSelection(labels, excludes),
                    null,
                    null))
            .stream()
            .map(BackupVolumes.VolumeResult::volume)
            .toList();
  }

  @Test
  void labelWithValueTakesOnlyVolumesWithThatValue() throws IOException {
    assertThat(all(List.of("backup=yes"), List.of())).containsExactly("db-main", "web");
  }

  @Test
  void labelWithoutValueTakesEveryVolumeThatHasTheLabel() throws IOException {
    assertThat(all(List.of("backup"), List.of()))
        .containsExactly("db-cache", "db-main", "web", "web-tmp");
    assertThat(all(List.of("tier"), List.of())).containsExactly("db-cache", "db-main");
  }

  @Test
  void everyLabelMustMatch() throws IOException {
    assertThat(all(List.of("backup=yes", "tier=gold"), List.of())).containsExactly("db-main");
  }

  @Test
  void emptyValueMatchesOnlyAnEmptyLabel() throws IOException {
    assertThat(all(List.of("backup="), List.of())).containsExactly("web-tmp");
  }

  @Test
  void excludedGlobsLeaveOutMatchingNames() throws IOException {
    assertThat(all(List.of(), List.of("db-*"))).containsExactly("web", "web-tmp");
    assertThat(all(List.of(), List.of("web", "db-c?che"))).containsExactly("db-main", "web-tmp");
    assertThat(all(List.of(), List.of("[dw]*-[!t]*"))).containsExactly("web", "web-tmp");
  }

  @Test
  void labelsAndExclusionsCombine() throws IOException {
    assertThat(all(List.of("backup=yes"), List.of("web*"))).containsExactly("db-main");
  }

  @Test
  void globsMatchTheWholeNameLiterallyApartFromWildcards() {
    assertThat(VolumeSelection.globPattern("a.b").matcher("a.b").matches()).isTrue();
    assertThat(VolumeSelection.globPattern("a.b").matcher("axb").matches()).isFalse();
    assertThat(VolumeSelection.globPattern("web").matcher("web-tmp").matches()).isFalse();
    assertThat(VolumeSelection.globPattern("v[0-9]").matcher("v7").matches()).isTrue();
  }

  @Test
  void selectionWithNamedVolumesIsAUsageError() {
    assertThatThrownBy(
            () ->
                new BackupVolumes(repo, host, ProgressListener.NONE)
                    .run(
                        new BackupVolumes.Request(
                            List.of("web"),
                            false,
                            false,
                            List.of(),
                            AccessPath.AUTO,
                            false,
                            new VolumeSelection(List.of("backup"), List.of()),
                            null,
                            null)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--label and --exclude-volume narrow --all");
  }

  @Test
  void malformedLabelFilterIsAUsageError() {
    assertThatThrownBy(() -> new VolumeSelection(List.of("=x"), List.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--label takes KEY or KEY=VALUE");
  }
}
