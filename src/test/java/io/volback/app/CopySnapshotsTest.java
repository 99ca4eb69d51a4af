package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.snapshot.SnapshotFilter;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.testsupport.MemoryStore;
import io.volback.testsupport.TestRepoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CopySnapshots between in-memory repositories: originals, parents, skips and refusals. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CopySnapshotsTest {
  @TempDir Path tmp;

  @Test
  void copiesRecordTheFirstOriginalAndTheirParentInTheTargetAndAreSkippedOnceCopied()
      throws Exception {
    try (Repository a = newRepository("a");
        Repository b = newRepository("b");
        Repository c = newRepository("c")) {
      Path dir = Files.createDirectory(tmp.resolve("data"));
      byte[] content = new byte[700_000];
      new Random(1).nextBytes(content);
      Files.write(dir.resolve("a.bin"), content);
      StoredSnapshot first =
          new BackupDirectory(a, ProgressListener.NONE).run(dir, "data", List.of(), false, null);
      Files.writeString(dir.resolve("b.txt"), "more\n");
      StoredSnapshot second =
          new BackupDirectory(a, ProgressListener.NONE).run(dir, "data", List.of(), false, null);
      assertThat(second.snapshot().parent()).isEqualTo(first.id().hex());

      CopyResult toB = copy(a, b);
      CopyResult toC = copy(b, c);
      CopyResult again = copy(a, c);

      assertThat(toB.copiedCount()).isEqualTo(2);
      List<StoredSnapshot> inB = b.snapshots();
      assertThat(inB)
          .extracting(s -> s.snapshot().original())
          .containsExactly(first.id().hex(), second.id().hex());
      assertThat(inB.get(1).snapshot().parent()).isEqualTo(inB.get(0).id().hex());
      assertThat(inB.get(0).snapshot().tree()).isNotEqualTo(first.snapshot().tree());
      assertThat(toC.copiedCount()).isEqualTo(2);
      assertThat(c.snapshots())
          .extracting(s -> s.snapshot().original())
          .containsExactly(first.id().hex(), second.id().hex());
      assertThat(again.copiedCount()).isZero();
      assertThat(again.snapshots())
          .extracting(CopyResult.Copied::status)
          .containsOnly(CopyResult.Status.SKIPPED);
      assertThat(again.packsUploaded()).isZero();
    }
  }

  @Test
  void dryRunSaysWhatWouldBeCopiedAndWritesNothing() throws Exception {
    MemoryStore targetStore = new MemoryStore();
    try (Repository a = newRepository("a");
        Repository b =
            Repository.init(
                targetStore, "b".toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults())) {
      Path dir = Files.createDirectory(tmp.resolve("data"));
      Files.writeString(dir.resolve("a.txt"), "alpha\n");
      new BackupDirectory(a, ProgressListener.NONE).run(dir, "data", List.of(), false, null);
      int objectsBefore = targetStore.list("").size();

      CopyResult dry =
          new CopySnapshots(a, b, CopyListener.NONE)
              .run(List.of("latest"), SnapshotFilter.ALL, true);

      assertThat(dry.snapshots())
          .extracting(CopyResult.Copied::status)
          .containsExactly(CopyResult.Status.WOULD_COPY);
      assertThat(b.snapshots()).isEmpty();
      assertThat(targetStore.list("").size()).isEqualTo(objectsBefore);
    }
  }

  @Test
  void copyIntoTheSameRepositoryIsRefused() throws Exception {
    try (Repository a = newRepository("a")) {
      assertThatThrownBy(() -> copy(a, a))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("is the source repository");
    }
  }

  private static CopyResult copy(Repository from, Repository to) throws Exception {
    return new CopySnapshots(from, to, CopyListener.NONE).run(List.of(), SnapshotFilter.ALL, false);
  }

  private static Repository newRepository(String name) throws Exception {
    return Repository.init(
        new MemoryStore(), name.toCharArray(), KdfParams.CHEAP, TestRepoConfig.defaults());
  }
}
