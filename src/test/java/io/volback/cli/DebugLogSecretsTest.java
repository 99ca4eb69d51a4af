package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DebugLogSecretsTest runs volback at DEBUG and looks for driver-option secrets in its output. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DebugLogSecretsTest {
  private static final String SECRET = "Hunter2-VolbackDebugSecret";

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void debugLoggingNeverPrintsDriverOptionSecretsOrThirdPartyWireLogs() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    Path target = Files.createDirectory(tmp.resolve("target"));
    TestTrees.populate(source, 3);
    String volume =
        TestDocker.createVolume(
            a,
            "secret-src",
            Map.of("type", "none", "o", "bind", "device", source.toString()),
            Map.of());
    Map<String, String> debug = Map.of("VOLBACK_LOG_LEVEL", "DEBUG");
    String[] globals = {
      "-r",
      tmp.resolve("repo").toString(),
      "--password-file",
      Cli.passwordFile(tmp, "pw").toString(),
      "-H",
      a.address()
    };
    ok(run(debug, concat(globals, "init")));
    ok(run(debug, concat(globals, "backup", volume)));

    String copy = TestDocker.uniqueName("secret-copy");
    Cli.Result restore =
        run(
            debug,
            concat(
                globals,
                "restore",
                "latest",
                "--volume",
                volume,
                "--to",
                copy,
                "--driver-opt",
                "o=bind,password=" + SECRET,
                "--driver-opt",
                "device=" + target));

    assertThat(VolumeDiscovery.get(a, copy).driverOptions())
        .as("the options reached Docker")
        .containsEntry("o", "bind,password=" + SECRET);
    assertThat(occurrences(restore.out() + restore.err(), SECRET)).as(restore.toString()).isZero();
    assertThat(restore.err())
        .as("third-party loggers stay at WARN")
        .doesNotContain("org.apache.hc", "com.github.dockerjava", " DEBUG wire", "http-outgoing");
    assertThat(restore.err()).as("volback's own DEBUG lines still show").contains("DEBUG");
  }

  @Test
  void wireLogsOptedInByNameShowTheRequestsWithSecretsHidden() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    Path target = Files.createDirectory(tmp.resolve("target"));
    TestTrees.populate(source, 4);
    String volume =
        TestDocker.createVolume(
            a,
            "secret-src",
            Map.of("type", "none", "o", "bind", "device", source.toString()),
            Map.of());
    String[] globals = {
      "-r",
      tmp.resolve("repo").toString(),
      "--password-file",
      Cli.passwordFile(tmp, "pw").toString(),
      "-H",
      a.address()
    };
    ok(run(Map.of(), concat(globals, "init")));
    ok(run(Map.of(), concat(globals, "backup", volume)));

    String copy = TestDocker.uniqueName("secret-copy");
    Cli.Result restore =
        run(
            Map.of(
                "VOLBACK_LOG",
                "org.apache.hc.client5.http.wire=DEBUG," + "com.github.dockerjava=DEBUG"),
            concat(
                globals,
                "restore",
                "latest",
                "--volume",
                volume,
                "--to",
                copy,
                "--driver-opt",
                "o=bind,password=" + SECRET,
                "--driver-opt",
                "device=" + target));

    ok(restore);
    assertThat(restore.err()).contains("DEBUG wire", "\"DriverOpts\"", "Cmd: local");
    assertThat(occurrences(restore.out() + restore.err(), SECRET)).isZero();
  }

  @Test
  void debugLoggingNeverPrintsPasswordsOrS3KeysFromAnySource() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String bucket = "debug-secrets-" + System.nanoTime() % 1_000_000_000L;
    s3.createBucket(bucket);
    Path source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 5);
    Path id = Files.writeString(tmp.resolve("id"), s3.accessKey() + "\n");
    Path secret = Files.writeString(tmp.resolve("secret"), s3.secretKey() + "\n");
    Path repositoryFile = Files.writeString(tmp.resolve("repository"), "s3://" + bucket + "\n");
    Map<String, String> env =
        Map.of(
            "VOLBACK_LOG_LEVEL",
            "DEBUG",
            "VOLBACK_S3_ENDPOINT",
            s3.endpoint().toString(),
            "AWS_REGION",
            "us-east-1",
            "AWS_ACCESS_KEY_ID_FILE",
            id.toString(),
            "AWS_SECRET_ACCESS_KEY_FILE",
            secret.toString(),
            "VOLBACK_REPOSITORY_FILE",
            repositoryFile.toString(),
            "VOLBACK_PASSWORD_COMMAND",
            "echo " + SECRET);

    List<Cli.Result> runs = new ArrayList<>();
    runs.add(run(env, "init"));
    runs.add(run(env, "--json", "backup", "--path", source.toString()));
    runs.add(run(env, "--json", "snapshots"));
    // and the failures: a wrong password, a failing password command
    runs.add(run(env, "--password-command", "echo wrong-" + SECRET, "snapshots"));
    runs.add(run(env, "--password-command", "echo " + SECRET + "; exit 1", "--json", "snapshots"));

    for (int i = 0; i < 3; i++) {
      ok(runs.get(i));
    }
    assertThat(runs.get(3).exitCode()).as(runs.get(3).toString()).isNotZero();
    assertThat(runs.get(4).exitCode()).as(runs.get(4).toString()).isEqualTo(2);
    for (Cli.Result result : runs) {
      String all = result.out() + result.err();
      assertThat(occurrences(all, SECRET)).as(result.toString()).isZero();
      assertThat(all).as(result.toString()).doesNotContain(s3.secretKey());
    }
    assertThat(runs.get(0).err()).as("volback's own DEBUG lines still show").contains("DEBUG");
  }

  // The shipped ConsoleLogConfigurator comes before the test class path's logback-test.xml.
  static Cli.Result run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = VolbackProcess.builder(env, args);
    return VolbackProcess.run(pb, StandardCharsets.UTF_8);
  }

  private static int occurrences(String text, String secret) {
    int n = 0;
    for (Matcher m = Pattern.compile(Pattern.quote(secret)).matcher(text); m.find(); ) {
      n++;
    }
    return n;
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
