package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestTrees;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PruneCrashTest's loop on the in-process S3 server: prune halted (as by SIGKILL) after its N-th
 * write or delete of a pack or index object, each time on a fresh copy of one repository in its own
 * prefix. Every kept snapshot must still export the same bytes, the next prune must finish and
 * `check --read-data` must then be clean. PruneCrashTest tries every N on a folder; here, where
 * each point costs a minute's S3 round trips on a busy machine, ten: each phase's first and last
 * write and seeded random ones (the seed is printed).
 */
@Timeout(900)
class PruneCrashOnS3Test {
  private static final long SEED = 20261130L;

  @TempDir static Path shared;
  private static Path passwordFile;
  private static S3ProxyServer s3;
  private static String bucket;
  private static PruneRepo template;
  private static Map<Id, String> exports;

  /** Backups of trees x+y, x and z, the first forgotten, in the prefix "template". */
  @BeforeAll
  static void repositoryWithAForgottenSnapshot() throws Exception {
    Path xy = shared.resolve("xy");
    Path x = shared.resolve("x-only");
    Path z = shared.resolve("z");
    TestTrees.populate(xy.resolve("x"), 1);
    TestTrees.populate(xy.resolve("y"), 2);
    TestTrees.populate(x.resolve("x"), 1);
    TestTrees.populate(z.resolve("z"), 3);
    passwordFile = Cli.passwordFile(shared, "pw");
    s3 = S3ProxyServer.shared();
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    bucket = "prune-crash-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    template = repo("template", true);
    Id first = template.backup(xy);
    template.backup(x);
    template.backup(z);
    template.forget(first);
    exports = template.exports();
    assertThat(exports).hasSize(2);
  }

  private static PruneRepo repo(String prefix, boolean init) throws Exception {
    return new PruneRepo(
        "s3://" + bucket + "/" + prefix,
        passwordFile,
        s3.endpoint().toString(),
        Map.of(
            "AWS_ACCESS_KEY_ID", s3.accessKey(),
            "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
            "AWS_REGION", "us-east-1"),
        init);
  }

  /** A copy of the template's objects under prefix. */
  private static PruneRepo copyOfTemplate(String prefix) throws Exception {
    PruneRepo copy = repo(prefix, false);
    try (ObjectStore from = template.store();
        ObjectStore to = copy.store()) {
      for (ObjectInfo info : from.list("")) {
        try (InputStream in = from.get(info.key())) {
          to.put(info.key(), in.readAllBytes());
        }
      }
    }
    return copy;
  }

  @Test
  void pruneOnS3KilledAtSeededPointsLeavesEverySnapshotRestorableAndTheNextPruneFinishes()
      throws Exception {
    long started = System.nanoTime();
    List<Integer> points = crashPoints(writesOfAFullPrune(), 10, SEED);
    for (int n : points) {
      PruneRepo repo = copyOfTemplate("crash-" + n);
      Cli.Result killed =
          repo.run(
              Map.of("VOLBACK_TEST_CRASH_AFTER", String.valueOf(n)), "prune", "--max-unused", "0");
      assertThat(killed.exitCode()).as("crash after %d: %s", n, killed).isEqualTo(137);
      repo.assertConsistent(false);
      assertThat(repo.exports()).as("after a crash at write %d", n).isEqualTo(exports);

      // In this JVM: the killed run above is the one that needs a process of its own.
      Cli.Result next = repo.cli.run("prune", "--max-unused", "0");

      assertThat(next.exitCode()).as("prune after a crash at write %d: %s", n, next).isZero();
      repo.assertConsistent(true);
      Cli.Result check = repo.cli.run("check", "--read-data");
      assertThat(check.exitCode()).as("check after a crash at write %d: %s", n, check).isZero();
    }
    System.out.printf(
        "PruneCrashOnS3Test: prune killed at %s (seed %d) in %d s%n",
        points, SEED, (System.nanoTime() - started) / 1_000_000_000L);
    assertThat(points).hasSizeGreaterThanOrEqualTo(10);
  }

  /**
   * How many pack and index writes and deletes a whole prune of the template makes (what the test
   * hook counts), from the objects a prune of a copy added and removed; also the phases' ends.
   */
  private static Phases writesOfAFullPrune() throws Exception {
    PruneRepo repo = copyOfTemplate("full");
    Set<String> data = keys(repo, RepoLayout.DATA);
    Set<String> index = keys(repo, RepoLayout.INDEX);
    Cli.Result r = repo.run("prune", "--max-unused", "0");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Set<String> dataAfter = keys(repo, RepoLayout.DATA);
    Set<String> indexAfter = keys(repo, RepoLayout.INDEX);
    return new Phases(
        difference(dataAfter, data),
        difference(indexAfter, index),
        difference(index, indexAfter),
        difference(data, dataAfter));
  }

  /**
   * Counts of prune's steps, in its order: packs written, index written, index and packs deleted.
   */
  record Phases(int packsWritten, int indexWritten, int indexDeleted, int packsDeleted) {
    int total() {
      return packsWritten + indexWritten + indexDeleted + packsDeleted;
    }
  }

  /**
   * The first and last write of each phase, then seeded random points, up to count distinct ones
   * (all when prune writes fewer), in order.
   */
  static List<Integer> crashPoints(Phases p, int count, long seed) {
    int total = p.total();
    TreeSet<Integer> points = new TreeSet<>();
    int end = 0;
    for (int phase :
        new int[] {p.packsWritten(), p.indexWritten(), p.indexDeleted(), p.packsDeleted()}) {
      if (phase > 0) {
        points.add(end + 1);
        points.add(end + phase);
      }
      end += phase;
    }
    Random random = new Random(seed);
    while (points.size() < Math.min(count, total)) {
      points.add(1 + random.nextInt(total));
    }
    return new ArrayList<>(points);
  }

  private static Set<String> keys(PruneRepo repo, String prefix) throws Exception {
    Set<String> keys = new HashSet<>();
    try (ObjectStore store = repo.store()) {
      for (ObjectInfo info : store.list(prefix)) {
        keys.add(info.key());
      }
    }
    return keys;
  }

  private static int difference(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d.size();
  }
}
