package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * prune end to end, through the real entry point: three backups (one of trees x and y, one of x
 * alone, one of z), the first snapshot forgotten (its object deleted, as forget does), then prune.
 * y's data is then unused, partly in packs shared with x's: those packs are deleted or repacked.
 */
@Timeout(600)
class PruneTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path sources;
  private static Path xy;
  private static Path x;
  private static Path z;

  @TempDir Path tmp;

  @BeforeAll
  static void trees() throws Exception {
    xy = sources.resolve("xy");
    x = sources.resolve("x-only");
    z = sources.resolve("z");
    TestTrees.populate(xy.resolve("x"), 1);
    TestTrees.populate(xy.resolve("y"), 2);
    TestTrees.populate(x.resolve("x"), 1);
    TestTrees.populate(z.resolve("z"), 3);
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** The repository of the class comment, before prune: its first snapshot forgotten. */
  record Forgotten(PruneRepo repo, Id forgotten, long onlyForgotten) {}

  private Forgotten forgottenSnapshot(PruneRepo repo) throws Exception {
    Id first = repo.backup(xy);
    repo.backup(x);
    repo.backup(z);
    long only = repo.bytesOnlyUsedBy(first);
    repo.forget(first);
    return new Forgotten(repo, first, only);
  }

  private PruneRepo folderRepo() throws Exception {
    return new PruneRepo(
        tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"), null, Map.of());
  }

  private PruneRepo s3Repo() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    String bucket = "prune-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    return new PruneRepo(
        "s3://" + bucket + "/volback",
        Cli.passwordFile(tmp, "pw"),
        s3.endpoint().toString(),
        Map.of(
            "AWS_ACCESS_KEY_ID", s3.accessKey(),
            "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
            "AWS_REGION", "us-east-1"));
  }

  @Test
  void pruneFreesWhatOnlyForgottenSnapshotsUsedAndKeptSnapshotsRestoreByteForByte()
      throws Exception {
    freesAndKeepsRestorable(forgottenSnapshot(folderRepo()), "5%");
  }

  @Test
  void pruneOnS3FreesWhatOnlyForgottenSnapshotsUsedAndKeptSnapshotsRestore() throws Exception {
    // 0: every partly used pack is repacked, so S3 sees packs written, index rewritten, deletes.
    freesAndKeepsRestorable(forgottenSnapshot(s3Repo()), "0");
  }

  private void freesAndKeepsRestorable(Forgotten f, String maxUnused) throws Exception {
    PruneRepo repo = f.repo();
    Map<Id, String> exports = repo.exports();
    long sizeBefore = repo.totalBytes();

    Cli.Result r = repo.run("--json", "prune", "--max-unused", maxUnused);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("dry_run").asBoolean()).isFalse();
    assertThat(json.get("packs_deleted").asInt()).isPositive();
    long unusedAfter = json.get("unused_after").asLong();
    long used = json.get("used_bytes").asLong();
    if (maxUnused.equals("0")) {
      assertThat(json.get("packs_repacked").asInt()).isPositive();
      assertThat(unusedAfter).isZero();
    }
    assertThat(unusedAfter).isLessThanOrEqualTo(used * 5 / 95);
    assertThat(json.get("unused_before").asLong()).isGreaterThanOrEqualTo(f.onlyForgotten());
    assertThat(json.get("bytes_freed").asLong())
        .isGreaterThanOrEqualTo(f.onlyForgotten() - unusedAfter);
    assertThat(sizeBefore - repo.totalBytes())
        .isGreaterThanOrEqualTo(f.onlyForgotten() - unusedAfter);
    assertThat(f.onlyForgotten()).isGreaterThan(3_000_000);

    assertThat(repo.exports()).isEqualTo(exports);
    repo.assertConsistent(true);
    Path target = tmp.resolve("restored");
    Id newest;
    try (Repository opened = repo.open()) {
      newest = opened.snapshots().get(opened.snapshots().size() - 1).id();
    }
    Cli.Result restored = repo.cli.run("restore", newest.hex(), "--target", target.toString());
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(TestTrees.describe(target.resolve("z")))
        .containsExactlyElementsOf(TestTrees.describe(z.resolve("z")));

    Cli.Result again = repo.run("--json", "prune");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    JsonNode second = JSON.readTree(again.out());
    assertThat(second.get("packs_deleted").asInt()).isZero();
    assertThat(second.get("packs_repacked").asInt()).isZero();
  }

  @Test
  void pruneRemovesTemporaryFilesOfKilledWritersOlderThanAnHourOnly() throws Exception {
    Forgotten f = forgottenSnapshot(folderRepo());
    Path data = Path.of(f.repo().url).resolve("data");
    Path stale = Files.writeString(data.resolve(".tmp-0123-stale"), "half a pack");
    Files.setLastModifiedTime(
        stale, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7200)));
    Path fresh = Files.writeString(data.resolve(".tmp-4567-fresh"), "a pack being written");

    Cli.Result r = f.repo().run("prune");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
  }

  @Test
  void keptSnapshotOfSharedDataRestoresByteForByteAfterItsPacksWereRepacked() throws Exception {
    Forgotten f = forgottenSnapshot(folderRepo());

    Cli.Result r = f.repo().run("prune", "--max-unused", "0");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern("deleted \\d+ packs, repacked \\d+ packs? \\(\\d+ blobs\\)");

    for (Id id : f.repo().snapshotIds()) {
      Path target = tmp.resolve("restore-" + id.shortHex());
      Cli.Result restored = f.repo().cli.run("restore", id.hex(), "--target", target.toString());
      assertThat(restored.exitCode()).as(restored.toString()).isZero();
      Path tree = Files.exists(target.resolve("x")) ? target.resolve("x") : target.resolve("z");
      Path source = tree.getFileName().toString().equals("x") ? x.resolve("x") : z.resolve("z");
      assertThat(TestTrees.describe(tree)).containsExactlyElementsOf(TestTrees.describe(source));
    }
    f.repo().assertConsistent(true);
  }

  @Test
  void dryRunPrintsWhatWouldGoAndChangesNothing() throws Exception {
    Forgotten f = forgottenSnapshot(folderRepo());
    Path dir = Path.of(f.repo().url);
    Map<String, String> before = FolderContent.of(dir);

    Cli.Result json = f.repo().run("--json", "prune", "--dry-run", "--max-unused", "0");
    Cli.Result text = f.repo().run("prune", "-n", "--max-unused", "0");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode plan = JSON.readTree(json.out());
    assertThat(plan.get("dry_run").asBoolean()).isTrue();
    assertThat(plan.get("packs_deleted").asInt()).isPositive();
    assertThat(plan.get("packs_repacked").asInt()).isPositive();
    assertThat(plan.get("bytes_freed").asLong()).isGreaterThan(f.onlyForgotten() / 2);
    assertThat(plan.get("deleted")).hasSize(plan.get("packs_deleted").asInt());
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains("would delete data/", "would repack data/", "would free ")
        .containsPattern("would delete \\d+ packs, would repack \\d+ packs?");
    assertThat(FolderContent.of(dir)).isEqualTo(before);
  }

  @Test
  void pruneIsRefusedNamingTheHolderWhileAnotherProcessHoldsASharedLock() throws Exception {
    Forgotten f = forgottenSnapshot(folderRepo());
    Map<String, String> before = FolderContent.of(Path.of(f.repo().url));
    Cli.Result r;
    try (Repository repo = f.repo().open();
        RepositoryLock shared = repo.lock(LockMode.SHARED, Duration.ofSeconds(5))) {
      r = f.repo().run("prune");
    }

    assertThat(r.exitCode()).as("11: a lock could not be acquired (" + r + ")").isEqualTo(11);
    assertThat(r.err())
        .contains("is locked: shared lock held by pid " + ProcessHandle.current().pid());
    assertThat(r.out()).isEmpty();
    assertThat(FolderContent.of(Path.of(f.repo().url))).isEqualTo(before);
  }

  @Test
  void pruneWithAMaxUnusedThatIsNeitherShareNorSizeIsAUsageError() throws Exception {
    PruneRepo repo = folderRepo();
    Cli.Result r = repo.run("prune", "--max-unused", "lots");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "volback: error: --max-unused lots is not 'unlimited', a share such as 5% or a size such as"
                + " 500M");
  }

  @Test
  void pruneRefusesWhenASnapshotObjectIsDamagedAndDeletesNothing() throws Exception {
    Forgotten f = forgottenSnapshot(folderRepo());
    Path dir = Path.of(f.repo().url);
    Id victim = f.repo().snapshotIds().iterator().next();
    Path object = dir.resolve("snapshots").resolve(victim.hex());
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 1;
    Files.write(object, bytes);
    Map<String, String> before = FolderContent.of(dir);

    Cli.Result r = f.repo().run("prune");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("prune refused: snapshots/" + victim.hex());
    assertThat(FolderContent.of(dir)).isEqualTo(before);
  }
}
