package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.entry.FileEntry;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.testsupport.FakeVolumeHost;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ListFiles and ExportSnapshot, the use cases behind ls and export, without the CLI. */
@Timeout(60)
class ListAndExportOnFakeHostTest {
  @TempDir Path dir;
  private Repository repo;
  private StoredSnapshot snap;

  @BeforeEach
  void setUp() throws IOException {
    repo =
        Repository.init(
            new MemoryStore(), "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
    FakeVolumeHost host = new FakeVolumeHost("unix:///run/a.sock", dir.resolve("host"));
    host.add("src", Map.of("etc/app.conf", "port=80", "data.bin", "payload"));
    new BackupVolumes(repo, host, ProgressListener.NONE)
        .run(
            new BackupVolumes.Request(
                List.of("src"), false, false, List.of(), AccessPath.AUTO, false, null, null, null));
    snap = repo.snapshots().get(0);
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
  }

  @Test
  void listFilesHandsOnlyThePathAndBelowToTheConsumer() throws IOException {
    List<String> paths = new ArrayList<>();
    new ListFiles(repo).run(snap, "etc", e -> paths.add(e.path()));
    assertThat(paths).isNotEmpty().allMatch(p -> p.startsWith("/etc"));
    assertThat(paths).contains("/etc/app.conf");
  }

  @Test
  void listFilesOfAMissingPathIsAUsageErrorNamingPathAndSnapshot() {
    List<FileEntry> seen = new ArrayList<>();
    assertThatThrownBy(() -> new ListFiles(repo).run(snap, "nope", seen::add))
        .isInstanceOf(UsageException.class)
        .hasMessage("no path /nope in snapshot " + snap.id().shortHex());
    assertThat(seen).isEmpty();
  }

  @Test
  void exportToFileWritesTheSameTarAsExportToStreamAndLeavesNoTemporaryFile() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    ExportSnapshot export = new ExportSnapshot(repo);
    export.toFile(snap, out.resolve("snap.tar"));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    export.toStream(snap, stream);

    assertThat(Files.readAllBytes(out.resolve("snap.tar"))).isEqualTo(stream.toByteArray());
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("snap.tar");
    }
  }
}
