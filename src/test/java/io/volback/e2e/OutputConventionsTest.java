package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.Signals;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * -q, -v, -vv and progress as users see them, through the real entry point (a child JVM): quiet
 * prints nothing but errors, -v names the parent snapshot, -vv lists files as restic does, and the
 * progress line appears only when stderr is a terminal (a pseudo-terminal made by script(1)).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OutputConventionsTest {
  @TempDir Path tmp;
  private Path source;
  private List<String> globals;

  @BeforeEach
  void repository() throws Exception {
    Path password = Cli.passwordFile(tmp, "pw");
    globals = List.of("-r", tmp.resolve("repo").toString(), "--password-file", password.toString());
    assertThat(volback(Map.of(), "init").exitCode()).isZero();
    source = Files.createDirectory(tmp.resolve("source"));
    Files.createDirectories(source.resolve("dir"));
    Files.writeString(source.resolve("dir/a.txt"), "alpha\n");
    Files.writeString(source.resolve("c.txt"), "charlie\n");
  }

  private Cli.Result volback(Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(globals);
    all.addAll(List.of(args));
    return VolbackProcess.run(env, all.toArray(String[]::new));
  }

  private Cli.Result backup(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("backup", "--path", source.toString(), "--name", "app"));
    return volback(Map.of(), args.toArray(String[]::new));
  }

  @Test
  void quietBackupPrintsNothingAndVerboseNamesTheParent() throws Exception {
    Cli.Result quiet = backup("-q");
    assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.err()).isEmpty();

    Cli.Result verbose = backup("-v");
    assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
    assertThat(verbose.out())
        .contains("app: parent snapshot ")
        .contains("0 modified, 2 unchanged")
        .contains("directory app: snapshot ");
  }

  @Test
  void veryVerboseBackupListsEveryFileAsResticDoes() throws Exception {
    Cli.Result first = backup("-vv");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("new       /c.txt\n").contains("new       /dir/a.txt\n");

    Files.writeString(source.resolve("c.txt"), "charlie changed\n");
    Cli.Result second = backup("-vv");
    assertThat(second.out())
        .contains("modified  /c.txt\n")
        .contains("unchanged /dir/a.txt\n")
        .contains("0 files new, 1 modified, 1 unchanged");
  }

  @Test
  void oneFileIsOneFileAndAddedSaysWhatItCounts() throws Exception {
    Files.delete(source.resolve("dir/a.txt"));
    Cli.Result r = backup();
    assertThat(r.out())
        .contains(": snapshot ")
        .contains(", 1 file, ")
        .contains(" added (new data and tree)");
  }

  @Test
  void progressIsShownWhenStderrIsATerminalAndNotWhenItIsAPipe() throws Exception {
    byte[] data = new byte[48 << 20];
    new Random(1).nextBytes(data);
    Files.write(source.resolve("big.bin"), data);
    Map<String, String> fps = Map.of("VOLBACK_PROGRESS_FPS", "60");

    Cli.Result piped = volback(fps, "backup", "--path", source.toString(), "--name", "piped");
    assertThat(piped.exitCode()).as(piped.toString()).isZero();
    assertThat(piped.err()).doesNotContain("backup piped:");

    List<String> command = new ArrayList<>(VolbackProcess.builder(Map.of()).command());
    command.addAll(globals);
    command.addAll(List.of("backup", "--path", source.toString(), "--name", "tty"));
    String shellCommand =
        command.stream()
            .map(a -> "'" + a.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", shellCommand, "/dev/null");
    pb.environment().putAll(fps);
    Processes.Finished onTerminal = Processes.run(pb, Duration.ofMinutes(3));
    assertThat(onTerminal.exitCode()).as(onTerminal.output()).isZero();
    assertThat(onTerminal.output()).contains("\rbackup tty: ").contains("directory tty: snapshot");

    // stdin and stdout on the terminal, stderr into a file: System.console() says "console",
    // isatty(2) says no, and the file must not fill with redrawn progress lines
    Path log = tmp.resolve("stderr.log");
    String toFile = shellCommand.replace("'tty'", "'logged'") + " 2>'" + log + "'";
    Processes.Finished logged =
        Processes.run(
            new ProcessBuilder("script", "-qec", toFile, "/dev/null"), Duration.ofMinutes(3));
    assertThat(logged.exitCode()).as(logged.output()).isZero();
    assertThat(logged.output()).contains("directory logged: snapshot");
    assertThat(Files.readString(log)).doesNotContain("backup logged:");
  }

  @Test
  void anInterruptedBackupSaysWhatIsBeingCleanedUp() throws Exception {
    Random random = new Random(2);
    byte[] data = new byte[256 << 10];
    for (int i = 0; i < 300; i++) {
      random.nextBytes(data);
      Files.write(source.resolve(String.format("f%03d", i)), data);
    }
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    List<String> args = new ArrayList<>(globals);
    args.addAll(List.of("-vv", "backup", "--path", source.toString(), "--name", "app"));
    Process p =
        VolbackProcess.builder(Map.of(), args.toArray(String[]::new))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!Files.readString(out).contains("new ") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.readString(out)).as("a file was backed up").contains("new ");
      Signals.send(p.pid(), "INT");
      Processes.awaitOrKill(p, Duration.ofMinutes(1), "the interrupted backup");
    } finally {
      p.destroyForcibly();
    }
    assertThat(Files.readString(err))
        .contains("volback: interrupted, abandoning the backup of app (no snapshot is written)");
  }

  @Test
  void aBadProgressRateIsAUsageError() throws Exception {
    Cli.Result r =
        volback(
            Map.of("VOLBACK_PROGRESS_FPS", "fast"),
            "backup",
            "--path",
            source.toString(),
            "--name",
            "app");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("VOLBACK_PROGRESS_FPS").contains("'fast'");
  }
}
