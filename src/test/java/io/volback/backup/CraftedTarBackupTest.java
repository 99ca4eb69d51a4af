package io.volback.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.volback.entry.DirectorySink;
import io.volback.entry.TarEntrySource;
import io.volback.repo.RepoConfig;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.PathFilter;
import io.volback.restore.RestoreListener;
import io.volback.restore.SnapshotRestorer;
import io.volback.testsupport.MemoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tar from a compromised host is input, not truth: the real TarEntrySource -> SnapshotCreator
 * chain refuses an archive whose members would make a later restore write outside the volume.
 */
@Timeout(60)
class CraftedTarBackupTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  @TempDir Path tmp;
  private MemoryStore store;
  private Repository repo;
  private Path outside;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    repo =
        Repository.init(
            store,
            PASSWORD,
            KdfParams.CHEAP,
            RepoConfig.create(new ChunkerParams(16 << 10, 64 << 10, 256 << 10), 3, 1 << 20));
    outside = Files.createDirectory(tmp.resolve("outside"));
  }

  @Test
  void backupRejectsASymlinkThatReplacesADirectoryAfterItsChildren() throws Exception {
    byte[] tar =
        tar(
            t -> {
              dir(t, "data/");
              dir(t, "data/a/");
              file(t, "data/a/evil", "evil");
              symlink(t, "data/a", outside.toString());
            });

    Throwable failure = backupThenRestoreWhateverWasStored(tar);

    assertThat(outside).isEmptyDirectory();
    assertThat(failure)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("data/a")
        .hasMessageContaining("twice");
    assertThat(repo.snapshots()).isEmpty();
  }

  @Test
  void backupRejectsAMemberUnderASymlink() throws Exception {
    byte[] tar =
        tar(
            t -> {
              dir(t, "data/");
              symlink(t, "data/a", outside.toString());
              file(t, "data/a/evil", "evil");
            });

    Throwable failure = backupThenRestoreWhateverWasStored(tar);

    assertThat(outside).isEmptyDirectory();
    assertThat(failure)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("data/a/evil")
        .hasMessageContaining("not a directory");
    assertThat(repo.snapshots()).isEmpty();
  }

  @Test
  void backupRejectsDotDotMembersInsteadOfALaterRestore() throws Exception {
    byte[] tar =
        tar(
            t -> {
              dir(t, "data/");
              dir(t, "data/a/");
              file(t, "data/a/../../outside/evil", "evil");
            });

    Throwable failure = backupThenRestoreWhateverWasStored(tar);

    assertThat(outside).isEmptyDirectory();
    assertThat(failure)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("data/a/../../outside/evil")
        .hasMessageContaining("..");
    assertThat(repo.snapshots()).isEmpty();
  }

  /**
   * Backs up the tar; restores any snapshot that got stored anyway; returns the backup's failure.
   */
  private Throwable backupThenRestoreWhateverWasStored(byte[] tar) throws Exception {
    Throwable failure =
        catchThrowable(
            () ->
                new SnapshotCreator(repo, BackupListener.NONE)
                    .create(
                        new TarEntrySource(new ByteArrayInputStream(tar), true),
                        SourceInfo.directory("crafted", "/x"),
                        List.of(),
                        null));
    Repository reopened = Repository.open(store, PASSWORD);
    for (StoredSnapshot snap : reopened.snapshots()) {
      Path target = Files.createDirectory(tmp.resolve("restore-" + snap.id().shortHex()));
      try (DirectorySink sink = new DirectorySink(target, w -> {})) {
        new SnapshotRestorer(reopened, RestoreListener.NONE).restore(snap, sink, PathFilter.ALL);
      } catch (IOException e) {
        // what matters is whether anything landed outside
      }
    }
    return failure;
  }

  interface TarBody {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  static byte[] tar(TarBody body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      body.write(tar);
    }
    return bytes.toByteArray();
  }

  static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
    e.setMode(0755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setMode(0644);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    e.setMode(0777);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }
}
