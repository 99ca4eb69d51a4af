package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository commands as users run them: output, exit codes and one-line errors. */
class CliRepositoryTest {
  private static final String SECRET = "tr0ub4dor&3";
  private static S3ProxyServer s3;

  @TempDir Path tmp;
  Path repoDir;
  Cli cli;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.shared();
  }

  @BeforeEach
  void setUp() throws Exception {
    repoDir = tmp.resolve("repo");
    cli = new Cli(repoDir.toString(), Cli.passwordFile(tmp, SECRET));
  }

  private static void assertOneLineError(Cli.Result r, int code, String text) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains(text).doesNotContain("\tat ").doesNotContain(SECRET);
  }

  @Test
  void initBackupListAndExportThroughTar() throws Exception {
    assertThat(cli.run("init").exitCode()).isZero();
    Path source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 11);
    Cli.Result backup =
        cli.run("backup", "--path", source.toString(), "--name", "appdata", "--tag", "t1");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();

    Cli.Result snapshots = cli.run("--json", "snapshots");
    JsonNode list = new ObjectMapper().readTree(snapshots.out());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("source").get("name").asText()).isEqualTo("appdata");
    assertThat(list.get(0).get("tags").get(0).asText()).isEqualTo("t1");
    String id = list.get(0).get("short_id").asText();

    Cli.Result ls = cli.run("ls", id);
    assertThat(ls.exitCode()).isZero();
    assertThat(ls.out()).contains("/bin/setuid-tool").contains(" -> ");

    Path tar = tmp.resolve("export.tar");
    Cli.Result export = cli.run("export", "latest", "-o", tar.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();
    String listing = TestTrees.run("tar", "-tf", tar.toString());
    assertThat(listing).contains("./bin/setuid-tool");
    Path extracted = Files.createDirectory(tmp.resolve("extracted"));
    TestTrees.run("tar", "-xpf", tar.toString(), "-C", extracted.toString());
    assertThat(TestTrees.describe(extracted, TestTrees.Option.IGNORE_XATTRS))
        .isEqualTo(TestTrees.describe(source, TestTrees.Option.IGNORE_XATTRS));
  }

  @Test
  void forceRereadsUnchangedFilesAndStoresNothingNew() throws Exception {
    assertThat(cli.run("init").exitCode()).isZero();
    Path source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 5);
    JsonNode first = backupStats(source);
    JsonNode unchanged = backupStats(source);
    JsonNode forced = backupStats(source, "--force");

    assertThat(unchanged.get("bytes_read").asLong()).isZero();
    assertThat(unchanged.get("files_unmodified").asLong())
        .isEqualTo(unchanged.get("total_files_processed").asLong());
    assertThat(forced.get("files_changed").asLong())
        .isEqualTo(first.get("files_new").asLong())
        .isEqualTo(first.get("total_files_processed").asLong());
    assertThat(forced.get("bytes_read").asLong())
        .isEqualTo(first.get("total_bytes_processed").asLong());
    assertThat(forced.get("data_added").asLong()).isZero();
  }

  private JsonNode backupStats(Path source, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--json", "backup", "--path", source.toString(), "--name", "src"));
    args.addAll(List.of(extra));
    Cli.Result r = cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return io.volback.testsupport.JsonLines.summary(r.out());
  }

  @Test
  void compressionLevelIsChosenAtInitAndCheckedFirst() throws Exception {
    assertOneLineError(cli.run("init", "--compression", "20"), 2, "--compression");
    assertThat(Files.exists(repoDir)).isFalse();

    Path source = Files.createDirectory(tmp.resolve("source"));
    Files.writeString(
        source.resolve("text"), "all work and no play makes jack a dull boy\n".repeat(50_000));
    long textBytes = Files.size(source.resolve("text"));
    Cli plain = new Cli(tmp.resolve("plain").toString(), Cli.passwordFile(tmp, SECRET));
    assertThat(plain.run("init", "--compression", "0").exitCode()).isZero();
    assertThat(cli.run("init").exitCode()).isZero();
    for (Cli c : new Cli[] {plain, cli}) {
      Cli.Result r = c.run("backup", "--path", source.toString(), "--name", "text");
      assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    assertThat(TestTrees.dirBytes(tmp.resolve("plain").resolve("data"))).isGreaterThan(textBytes);
    assertThat(TestTrees.dirBytes(repoDir.resolve("data"))).isLessThan(textBytes / 20);
  }

  @Test
  void initRefusesAnExistingRepository() {
    assertThat(cli.run("init").exitCode()).isZero();
    assertOneLineError(cli.run("init"), 1, "already exists");
  }

  @Test
  void wrongPasswordIsOneLineAndExitCodeOne() throws Exception {
    cli.run("init");
    Cli wrong = new Cli(repoDir.toString(), Cli.passwordFile(tmp, "not-it"));
    assertOneLineError(wrong.run("snapshots"), 12, "wrong password");
  }

  @Test
  void unknownSnapshotIsNamed() {
    cli.run("init");
    assertOneLineError(cli.run("ls", "deadbeef"), 2, "no snapshot with id deadbeef");
    assertOneLineError(
        cli.run("export", "latest", "-o", tmp.resolve("x.tar").toString()), 2, "no snapshot");
    assertThat(tmp.resolve("x.tar")).doesNotExist();
  }

  @Test
  void repositoryUrlThatDoesNotParseIsAUsageError() throws Exception {
    Cli bad = new Cli("ftp://example/repo", Cli.passwordFile(tmp, SECRET));
    assertOneLineError(bad.run("snapshots"), 2, "ftp://example/repo");
  }

  @Test
  void missingRepositoryIsAUsageError() throws Exception {
    Cli none = new Cli("", Cli.passwordFile(tmp, SECRET));
    assertOneLineError(none.run("snapshots"), 2, "invalid repository ''");
    assertOneLineError(cli.run("snapshots"), 10, "no repository at");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {"init", "volumes", "backup", "snapshots", "ls", "restore", "export"}) {
      Cli.Result r = cli.run(command, "--help");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: volback " + command);
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result r = cli.run("snapshots", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--bogus");
  }

  @Test
  void unreachableS3IsOneLineNamingTheEndpoint() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Cli unreachable =
        new Cli("s3://bucket/repo", Cli.passwordFile(tmp, SECRET))
            .with("--s3-endpoint", "http://127.0.0.1:" + closedPort, "--s3-path-style");
    withCredentials(
        s3.accessKey(),
        s3.secretKey(),
        () ->
            assertOneLineError(
                unreachable.run("init"),
                1,
                "cannot reach S3 endpoint http://127.0.0.1:" + closedPort));
  }

  @Test
  void badS3CredentialsAreOneLineAndChangeNothing() throws Exception {
    s3.createBucket("creds");
    Cli s3cli =
        new Cli("s3://creds/repo", Cli.passwordFile(tmp, SECRET))
            .with("--s3-endpoint", s3.endpoint().toString(), "--s3-path-style");
    withCredentials(
        s3.accessKey(),
        "wrong-secret-value",
        () -> {
          Cli.Result r = s3cli.run("init");
          assertOneLineError(r, 1, "access denied");
          assertThat(r.err()).doesNotContain("wrong-secret-value");
        });
    withCredentials(
        s3.accessKey(),
        s3.secretKey(),
        () -> {
          assertOneLineError(s3cli.run("snapshots"), 10, "no repository at s3://creds/repo");
          assertThat(s3cli.run("init").exitCode()).isZero();
          assertThat(s3cli.run("snapshots").exitCode()).isZero();
        });
  }

  @Test
  void passwordComesFromEnvironmentAndItsAbsenceIsAUsageError() throws Exception {
    cli.run("init");
    Cli.Result none = VolbackProcess.run(Map.of(), "-r", repoDir.toString(), "snapshots");
    assertOneLineError(none, 2, "no repository password");
    Cli.Result env =
        VolbackProcess.run(
            Map.of("VOLBACK_REPOSITORY", repoDir.toString(), "VOLBACK_PASSWORD", SECRET),
            "snapshots");
    assertThat(env.exitCode()).as(env.toString()).isZero();
    assertThat(env.out()).contains("0 snapshots");
  }

  private static void withCredentials(String key, String secret, ThrowingRunnable body)
      throws Exception {
    String oldKey = System.getProperty("aws.accessKeyId");
    String oldSecret = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", key);
    System.setProperty("aws.secretAccessKey", secret);
    try {
      body.run();
    } finally {
      restore("aws.accessKeyId", oldKey);
      restore("aws.secretAccessKey", oldSecret);
    }
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
