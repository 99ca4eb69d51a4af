package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.store.LocalFolderStore;
import io.volback.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** forget's refusals, exit codes and text output, and backup --time's input. */
@Timeout(300)
class ForgetCommandTest {
  @TempDir Path tmp;
  Cli cli;
  Path data;

  @BeforeEach
  void threeSnapshots() throws Exception {
    cli = new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"));
    ok(cli.run("init"));
    data = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(data.resolve("file"), "x");
    for (String t :
        new String[] {"2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"}) {
      ok(cli.run("backup", "--path", data.toString(), "--name", "www", "--time", t));
    }
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void forgetWithoutPolicyOrIdsIsAUsageError() {
    Cli.Result r = cli.run("forget");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("no policy given").doesNotContain("\tat ");
    assertThat(ok(cli.run("snapshots")).out()).contains("3 snapshots");
  }

  @Test
  void pruneAfterForgetFreesTheDataOnlyForgottenSnapshotsHeld() throws Exception {
    byte[] only = new byte[1 << 20];
    new java.util.Random(7).nextBytes(only);
    Files.write(data.resolve("big"), only);
    ok(
        cli.run(
            "backup",
            "--path",
            data.toString(),
            "--name",
            "www",
            "--time",
            "2026-01-04T10:00:00Z"));
    Files.delete(data.resolve("big"));
    ok(
        cli.run(
            "backup",
            "--path",
            data.toString(),
            "--name",
            "www",
            "--time",
            "2026-01-05T10:00:00Z"));

    Cli.Result dry = ok(cli.run("forget", "--keep-last", "1", "--prune", "--dry-run"));
    assertThat(dry.out()).contains("would free");
    assertThat(ok(cli.run("snapshots")).out()).contains("5 snapshots");

    Cli.Result r = ok(cli.run("forget", "--keep-last", "1", "--prune"));
    assertThat(r.out()).contains("freed ");
    assertThat(ok(cli.run("snapshots")).out()).contains("1 snapshot");
    long stored;
    try (var files = Files.walk(tmp.resolve("repo").resolve("data"))) {
      stored = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    assertThat(stored).as("the 1 MiB only forgotten snapshots held is gone").isLessThan(1 << 19);
    ok(cli.run("check", "--read-data"));
  }

  @Test
  void aPolicyThatKeepsNothingOfAGroupIsRefusedUnlessAllowed() {
    Cli.Result r = cli.run("forget", "--keep-tag", "no-such-tag");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("refusing to remove all 3 snapshots of hostname")
        .contains("volume www")
        .contains("--unsafe-allow-remove-all");
    assertThat(ok(cli.run("snapshots")).out()).contains("3 snapshots");

    ok(cli.run("forget", "--keep-tag", "no-such-tag", "--unsafe-allow-remove-all"));
    assertThat(ok(cli.run("snapshots")).out()).contains("0 snapshots");
  }

  @Test
  void negativeCountsOtherThanMinusOneAreRefused() {
    Cli.Result r = cli.run("forget", "--keep-daily", "-2");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--keep-daily -2");
    Cli.Result d = cli.run("forget", "--keep-within", "3w");
    assertThat(d.exitCode()).as(d.toString()).isEqualTo(2);
    assertThat(d.err()).contains("--keep-within").contains("3w");
  }

  @Test
  void textOutputListsKeptSnapshotsWithReasonsAndDryRunRemovesNothing() {
    Cli.Result r = ok(cli.run("forget", "--dry-run", "--keep-last", "1", "--keep-daily", "2"));
    assertThat(r.out())
        .contains("Applying policy: keep 1 latest, 2 daily snapshots")
        .contains("snapshots of hostname")
        .contains("keep 2 snapshots")
        .contains("last snapshot")
        .contains("daily snapshot")
        .contains("would remove 1 snapshot");
    assertThat(ok(cli.run("snapshots")).out()).contains("3 snapshots");
  }

  @Test
  void forgetRemovesSnapshotsNamedById() throws Exception {
    String json = ok(cli.run("--json", "snapshots")).out();
    // shortId or short_id, whichever the JSON conventions name it
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"short_?[iI]d\"\\s*:\\s*\"([0-9a-f]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    String id = m.group(1);
    Cli.Result r = ok(cli.run("forget", id));
    assertThat(r.out()).contains("removed 1 snapshot");
    assertThat(ok(cli.run("snapshots")).out()).contains("2 snapshots").doesNotContain(id);
    Cli.Result both = cli.run("forget", id, "--keep-last", "1");
    assertThat(both.exitCode()).isEqualTo(2);
  }

  @Test
  void forgetWaitsForABackupsSharedLockThenFailsNamingTheHolder() throws Exception {
    try (Repository repo =
            Repository.open(new LocalFolderStore(tmp.resolve("repo")), "pw".toCharArray());
        RepositoryLock backup = repo.lock(LockMode.SHARED, Duration.ofSeconds(5))) {
      long start = System.nanoTime();
      Cli.Result r = cli.run("--retry-lock", "2s", "forget", "--keep-last", "1");
      assertThat(r.exitCode()).as("11: a lock could not be acquired (" + r + ")").isEqualTo(11);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(r.err())
          .contains("is locked")
          .contains("shared lock held by pid " + ProcessHandle.current().pid());
    }
    assertThat(ok(cli.run("snapshots")).out()).contains("3 snapshots");
  }

  @Test
  void backupTimeThatIsNoTimeIsAUsageError() {
    Cli.Result r = cli.run("backup", "--path", data.toString(), "--time", "yesterday");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--time 'yesterday'").doesNotContain("\tat ");
  }
}
