package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.VolbackProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PasswordAndRepositorySourcesTest runs volback in a child JVM with the password and repository
 * given every way a user can: -p, --password-command, --password-stdin, --repository-file and their
 * environment variables, and the conflicts between them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PasswordAndRepositorySourcesTest {
  private static final String PASSWORD = "Hunter2-PasswordSource";

  @TempDir Path tmp;
  private Path repo;
  private Path passwordFile;

  @BeforeEach
  void initRepository() throws Exception {
    repo = tmp.resolve("repo");
    passwordFile = Cli.passwordFile(tmp, PASSWORD);
    Cli.Result init = new Cli(repo.toString(), passwordFile).run("init");
    assertThat(init.exitCode()).as(init.toString()).isZero();
  }

  @Test
  void shortDashPReadsThePasswordFile() throws Exception {
    ok(run(Map.of(), "-r", repo.toString(), "-p", passwordFile.toString(), "snapshots"));
  }

  @Test
  void passwordCommandFirstLineIsThePassword() throws Exception {
    ok(
        run(
            Map.of(),
            "-r",
            repo.toString(),
            "--password-command",
            "printf '" + PASSWORD + "\\nignored second line\\n'",
            "snapshots"));
    ok(
        run(
            Map.of("VOLBACK_PASSWORD_COMMAND", "cat " + passwordFile),
            "-r",
            repo.toString(),
            "snapshots"));
  }

  @Test
  void failingPasswordCommandIsAUsageErrorThatDoesNotShowItsOutput() throws Exception {
    Cli.Result failed =
        run(
            Map.of(),
            "-r",
            repo.toString(),
            "--password-command",
            "echo " + PASSWORD + "; exit 3",
            "snapshots");

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(2);
    assertThat(failed.err())
        .contains("password command (--password-command) failed with exit code 3");
    assertThat(failed.out() + failed.err()).doesNotContain(PASSWORD);
  }

  @Test
  void passwordCommandPrintingNothingIsAUsageError() throws Exception {
    Cli.Result empty =
        run(Map.of("VOLBACK_PASSWORD_COMMAND", "true"), "-r", repo.toString(), "snapshots");

    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
    assertThat(empty.err()).contains("password command (VOLBACK_PASSWORD_COMMAND) printed no");
  }

  @Test
  void passwordStdinReadsStandardInputOnlyWhenAsked() throws Exception {
    Path input = tmp.resolve("stdin.txt");
    Files.writeString(input, PASSWORD + "\n");

    ok(runWithStdin(input, Map.of(), "-r", repo.toString(), "--password-stdin", "snapshots"));
    Cli.Result notAsked = runWithStdin(input, Map.of(), "-r", repo.toString(), "snapshots");
    assertThat(notAsked.exitCode()).as(notAsked.toString()).isEqualTo(2);
    assertThat(notAsked.err()).contains("no repository password");
  }

  @Test
  void twoPasswordOptionsAreAUsageErrorNamingBoth() throws Exception {
    Cli.Result both =
        run(
            Map.of(),
            "-r",
            repo.toString(),
            "-p",
            passwordFile.toString(),
            "--password-command",
            "cat " + passwordFile,
            "snapshots");

    assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
    assertThat(both.err()).contains("--password-file", "--password-command");
  }

  @Test
  void twoPasswordVariablesAreAUsageErrorNamingBoth() throws Exception {
    Cli.Result both =
        run(
            Map.of("VOLBACK_PASSWORD", PASSWORD, "VOLBACK_PASSWORD_FILE", passwordFile.toString()),
            "-r",
            repo.toString(),
            "snapshots");

    assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
    assertThat(both.err()).contains("VOLBACK_PASSWORD ", "VOLBACK_PASSWORD_FILE");
    assertThat(both.out() + both.err()).doesNotContain(PASSWORD);
  }

  @Test
  void aPasswordOptionWinsOverTheEnvironment() throws Exception {
    ok(
        run(
            Map.of("VOLBACK_PASSWORD", "wrong"),
            "-r",
            repo.toString(),
            "-p",
            passwordFile.toString(),
            "snapshots"));
  }

  @Test
  void repositoryFileAndItsVariableNameTheRepository() throws Exception {
    Path file = tmp.resolve("repository.txt");
    Files.writeString(file, repo + "\n");
    Map<String, String> password = Map.of("VOLBACK_PASSWORD_FILE", passwordFile.toString());

    ok(run(password, "--repository-file", file.toString(), "snapshots"));
    ok(run(with(password, "VOLBACK_REPOSITORY_FILE", file.toString()), "snapshots"));
  }

  @Test
  void repositoryGivenTwiceIsAUsageErrorNamingBoth() throws Exception {
    Path file = tmp.resolve("repository.txt");
    Files.writeString(file, repo + "\n");
    Map<String, String> password = Map.of("VOLBACK_PASSWORD_FILE", passwordFile.toString());

    Cli.Result options =
        run(password, "-r", repo.toString(), "--repository-file", file.toString(), "snapshots");
    assertThat(options.exitCode()).as(options.toString()).isEqualTo(2);
    assertThat(options.err()).contains("-r/--repo", "--repository-file");

    Cli.Result variables =
        run(
            with(
                with(password, "VOLBACK_REPOSITORY", repo.toString()),
                "VOLBACK_REPOSITORY_FILE",
                file.toString()),
            "snapshots");
    assertThat(variables.exitCode()).as(variables.toString()).isEqualTo(2);
    assertThat(variables.err()).contains("VOLBACK_REPOSITORY and VOLBACK_REPOSITORY_FILE");
  }

  @Test
  void missingSecretFileIsAUsageErrorNamingFileAndVariable() throws Exception {
    Path missing = tmp.resolve("no-such-file");
    Cli.Result result =
        run(
            Map.of("VOLBACK_PASSWORD_FILE", missing.toString()),
            "-r",
            repo.toString(),
            "snapshots");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains(missing.toString(), "VOLBACK_PASSWORD_FILE");
  }

  static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(key, value);
    return copy;
  }

  static Cli.Result run(Map<String, String> env, String... args) throws Exception {
    return VolbackProcess.run(env, args);
  }

  private static Cli.Result runWithStdin(Path input, Map<String, String> env, String... args)
      throws Exception {
    File out = File.createTempFile("volback-out", ".txt");
    File err = File.createTempFile("volback-err", ".txt");
    try {
      Process p =
          VolbackProcess.builder(env, args)
              .redirectInput(input.toFile())
              .redirectOutput(out)
              .redirectError(err)
              .start();
      int code = Processes.awaitOrKill(p, VolbackProcess.LIMIT, "volback " + List.of(args));
      return new Cli.Result(code, Files.readString(out.toPath()), Files.readString(err.toPath()));
    } finally {
      out.delete();
      err.delete();
    }
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }
}
