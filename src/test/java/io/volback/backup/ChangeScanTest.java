package io.volback.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.EntrySource;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ChangeScan decides from metadata alone, by ParentMatcher's rule. */
@Timeout(60)
class ChangeScanTest {
  @Test
  void scanNeverOpensAFileAndMatchesOnlyWhatAFastPathBackupWouldReuse() throws IOException {
    try (Repository repo =
        Repository.init(
            new MemoryStore(), "pw".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults())) {
      var parent =
          new SnapshotCreator(repo, new BackupListener() {})
              .create(
                  tree(List.of(file("/a", 3, 1), file("/b", 4, 2), file("/c", 5, 3)), true),
                  io.volback.repo.snapshot.SourceInfo.directory("t", "/t"),
                  List.of(),
                  null);
      List<String> seen = new ArrayList<>();

      Changes changes =
          new ChangeScan(repo, false, w -> seen.add("warning " + w))
              .scan(
                  // /b's inode changed (replaced), /c has no ctime (the API path): both changed
                  tree(
                      List.of(
                          file("/a", 3, 1),
                          file("/b", 4, 9),
                          file("/c", 5, 3).toBuilder().fileIdentity(3L, 1L, null).build(),
                          file("/d", 6, 4)),
                      false),
                  parent,
                  (change, path) -> seen.add(change + " " + path));

      assertThat(changes).isEqualTo(new Changes(1, 2, 1, 0, 6, 9, 15));
      assertThat(seen).containsExactly("MODIFIED /b", "MODIFIED /c", "NEW /d");
    }
  }

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static FileEntry file(String path, long size, long inode) {
    return FileEntry.builder(path, EntryType.FILE)
        .mode(0644)
        .size(size)
        .mtime(T)
        .fileIdentity(inode, 1L, T)
        .build();
  }

  /** A tree of files under "/"; without readable, opening any content fails the test. */
  private static EntrySource tree(List<FileEntry> files, boolean readable) {
    return visitor -> {
      visitor.visit(FileEntry.builder("/", EntryType.DIRECTORY).mode(0755).mtime(T).build(), null);
      for (FileEntry f : files) {
        visitor.visit(
            f,
            () -> {
              if (!readable) {
                throw new AssertionError("content of " + f.path() + " opened");
              }
              return new java.io.ByteArrayInputStream(new byte[(int) f.size()]);
            });
      }
    };
  }
}
