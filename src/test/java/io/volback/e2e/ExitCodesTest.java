package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.store.StoreFactory;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes as a script sees them, through the real entry point in a child JVM: restic's 10, 11
 * and 12, volback's 2 for a command that cannot be carried out as written, and one {@code volback:
 * error:} line for each.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExitCodesTest {
  private static final String SECRET = "c0rrect-h0rse";

  @TempDir Path tmp;
  Path repoDir;
  Path passwordFile;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    repoDir = tmp.resolve("repo");
    passwordFile = Cli.passwordFile(tmp, SECRET);
    cli = new Cli(repoDir.toString(), passwordFile);
  }

  private Cli.Result volback(Map<String, String> env, String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of("-r", repoDir.toString(), "--password-file", passwordFile.toString()));
    all.addAll(List.of(args));
    return VolbackProcess.run(env, all.toArray(String[]::new));
  }

  private Cli.Result volback(String... args) throws Exception {
    return volback(Map.of(), args);
  }

  private static void assertError(Cli.Result r, int code, String text) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.err().lines().findFirst()).as(r.toString()).hasValue("volback: error: " + text);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain(SECRET);
  }

  private void init() {
    Cli.Result init = cli.run("init");
    assertThat(init.exitCode()).as(init.toString()).isZero();
  }

  private String backupDirectory(String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("src-" + name));
    Files.writeString(dir.resolve("file.txt"), name);
    Cli.Result r = cli.run("backup", "--path", dir.toString(), "--name", name);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return dir.toString();
  }

  @Test
  void nonexistentFolderRepositoryExits10() throws Exception {
    assertError(
        volback("snapshots"),
        10,
        "no repository at " + repoDir + " (create one with 'volback init')");
  }

  @Test
  void nonexistentS3PrefixExits10() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket("exitcodes-missing");
    Cli.Result r =
        VolbackProcess.run(
            Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()),
            "-r",
            "s3://exitcodes-missing/nothing/here",
            "--password-file",
            passwordFile.toString(),
            "--s3-endpoint",
            s3.endpoint().toString(),
            "--s3-path-style",
            "snapshots");
    assertError(
        r,
        10,
        "no repository at s3://exitcodes-missing/nothing/here (create one with"
            + " 'volback init')");
  }

  @Test
  void wrongPasswordExits12() throws Exception {
    init();
    Path wrong = Cli.passwordFile(tmp, "not-the-password");
    Cli.Result r =
        VolbackProcess.run(
            Map.of(), "-r", repoDir.toString(), "--password-file", wrong.toString(), "snapshots");
    assertError(r, 12, "wrong password: no key in repository " + repoDir + " opens with it");
  }

  @Test
  void lockHeldByAnotherProcessExits11AfterTheWait() throws Exception {
    init();
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("a.txt"), "a");
    try (Repository repo =
            Repository.open(
                StoreFactory.open(repoDir.toString(), null, false), SECRET.toCharArray());
        RepositoryLock exclusive = repo.lock(LockMode.EXCLUSIVE, Duration.ofSeconds(5))) {
      long start = System.nanoTime();
      Cli.Result r = volback("--retry-lock", "3s", "backup", "--path", source.toString());
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
      assertThat(r.err()).startsWith("volback: error: repository " + repoDir + " is locked: ");
      // waited the 3 s asked for, not the default 30 s
      assertThat(waitedMillis).isBetween(3_000L, 25_000L);
    }
    assertThat(volback("backup", "--path", source.toString()).exitCode()).isZero();
  }

  @Test
  void retryLockThatIsNotADurationIsAUsageErrorNamingTheOption() throws Exception {
    init();
    Cli.Result r = volback("--retry-lock", "soon", "snapshots");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("volback: error: ").contains("--retry-lock").contains("soon");
    assertThat(volback("--retry-lock", "0s", "snapshots").exitCode()).isZero();
  }

  @Test
  void latestWithoutVolumeWhenSeveralIsAUsageError() throws Exception {
    init();
    backupDirectory("one");
    backupDirectory("two");
    Cli.Result r = volback("ls", "latest");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("volback: error: ").contains("--volume");
  }

  @Test
  void snapshotReferenceThatNamesNothingIsAUsageError() throws Exception {
    init();
    backupDirectory("one");
    assertError(
        volback("restore", "nope"), 2, "'nope' is not a snapshot id, id prefix or 'latest'");
    Cli.Result unknownId = volback("ls", "deadbeef");
    assertThat(unknownId.exitCode()).as(unknownId.toString()).isEqualTo(2);
    assertThat(unknownId.err()).startsWith("volback: error: no snapshot").contains("deadbeef");
  }

  @Test
  void pathThatIsNotInTheSnapshotIsAUsageError() throws Exception {
    init();
    backupDirectory("one");
    Cli.Result r = volback("ls", "latest", "/nonexistent");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("volback: error: ").contains("/nonexistent");
  }

  @Test
  void dockerHostInNoAcceptedFormIsAUsageError() throws Exception {
    assertError(
        volback("-H", "bogus://x", "volumes"),
        2,
        "unsupported Docker host address bogus://x: use unix:///path/to/docker.sock or"
            + " tcp://host:port");
  }

  @Test
  void parseErrorsCarryTheErrorPrefixAndPointAtHelp() throws Exception {
    Cli.Result r = volback("snapshots", "--bogus");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "volback: error: Unknown option: '--bogus'", "Try 'volback snapshots --help'.");
  }

  @Test
  void emptyRepositoryNamesTheAcceptedForms() throws Exception {
    Cli.Result r =
        VolbackProcess.run(Map.of(), "-r", "", "--password-file", passwordFile.toString(), "init");
    assertError(
        r,
        2,
        "invalid repository '' (it is empty): expected a folder path, file:///absolute/path,"
            + " s3://bucket or s3://bucket/prefix");
    Cli.Result none =
        VolbackProcess.run(Map.of(), "--password-file", passwordFile.toString(), "snapshots");
    assertError(
        none,
        2,
        "no repository given: use -r/--repo or set VOLBACK_REPOSITORY to a folder path,"
            + " file:///absolute/path, s3://bucket or s3://bucket/prefix");
  }

  @Test
  void unknownLogLevelIsRejectedNamingTheVariable() throws Exception {
    init();
    Cli.Result r = volback(Map.of("VOLBACK_LOG_LEVEL", "LOUD"), "snapshots");
    assertError(
        r,
        2,
        "VOLBACK_LOG_LEVEL='LOUD' is not a log level: use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
    assertThat(r.err().lines()).hasSize(1);
    Cli.Result lower = volback(Map.of("VOLBACK_LOG_LEVEL", "info"), "snapshots");
    assertThat(lower.exitCode()).as(lower.toString()).isZero();
  }

  @Test
  void initRefusesANonEmptyFolderThatIsNotARepository() throws Exception {
    Files.createDirectories(repoDir.resolve("photos"));
    Files.writeString(repoDir.resolve("photos/cat.jpg"), "meow");
    assertError(
        volback("init"),
        1,
        repoDir
            + " is not empty and holds no repository (no config): init needs an empty or new"
            + " folder or S3 prefix");
    try (var files = Files.walk(repoDir)) {
      assertThat(files.map(repoDir::relativize).map(Path::toString).sorted().toList())
          .containsExactly("", "photos", "photos/cat.jpg");
    }
    Files.createDirectories(tmp.resolve("empty"));
    Cli.Result empty =
        VolbackProcess.run(
            Map.of(),
            "-r",
            tmp.resolve("empty").toString(),
            "--password-file",
            passwordFile.toString(),
            "init");
    assertThat(empty.exitCode()).as(empty.toString()).isZero();
  }

  @Test
  void initRefusesAnS3PrefixThatHoldsObjectsButNoRepository() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket("exitcodes-occupied");
    s3.putObject("exitcodes-occupied", "other/report.csv", "a,b\n".getBytes());
    Cli.Result r =
        VolbackProcess.run(
            Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()),
            "-r",
            "s3://exitcodes-occupied/other",
            "--password-file",
            passwordFile.toString(),
            "--s3-endpoint",
            s3.endpoint().toString(),
            "--s3-path-style",
            "init");
    assertError(
        r,
        1,
        "s3://exitcodes-occupied/other is not empty and holds no repository (no config): init"
            + " needs an empty or new folder or S3 prefix");
  }
}
