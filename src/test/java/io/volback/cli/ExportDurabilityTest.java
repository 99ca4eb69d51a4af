package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExportDurabilityTest watches the system calls of {@code export -o} (strace): the tar must be on
 * disk before it is renamed into place, and the rename on disk before volback says it is done.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExportDurabilityTest {
  @TempDir Path tmp;

  @Test
  void exportToAFileFsyncsTheTarBeforeTheRenameAndTheFolderAfter() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    Files.writeString(source.resolve("a.txt"), "hello");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli cli = new Cli(tmp.resolve("repo").toString(), password);
    assertThat(cli.run("init").exitCode()).isZero();
    assertThat(cli.run("backup", "--path", source.toString(), "--name", "d").exitCode()).isZero();
    Path out = Files.createDirectory(tmp.resolve("out"));
    Path tar = out.resolve("d.tar");
    Path trace = tmp.resolve("trace.txt");

    ProcessBuilder pb =
        VolbackProcess.builder(
            Map.of(),
            "-r",
            tmp.resolve("repo").toString(),
            "--password-file",
            password.toString(),
            "export",
            "latest",
            "-o",
            tar.toString());
    pb.command()
        .addAll(
            0,
            List.of(
                "strace",
                "-f",
                "-y",
                "-qq",
                "-o",
                trace.toString(),
                "-e",
                "trace=fsync,fdatasync,rename,renameat,renameat2"));
    Processes.Finished export = Processes.run(pb, Duration.ofMinutes(2));
    assertThat(export.exitCode()).as(export.output()).isZero();

    List<String> calls = Files.readAllLines(trace);
    int rename = indexOf(calls, "rename", "\"" + tar + "\"");
    assertThat(rename).as("the rename into place, in\n" + String.join("\n", calls)).isNotNegative();
    String temp = calls.get(rename).replaceFirst("^.*?\"([^\"]*volback-export[^\"]*)\".*$", "$1");
    int tarSynced = indexOf(calls, "fsync(", "<" + temp + ">");
    int folderSynced = indexOf(calls.subList(rename, calls.size()), "fsync(", "<" + out + ">");
    assertThat(tarSynced)
        .as("fsync of " + temp + " in\n" + String.join("\n", calls))
        .isNotNegative()
        .isLessThan(rename);
    assertThat(folderSynced)
        .as("fsync of " + out + " after the rename in\n" + String.join("\n", calls))
        .isNotNegative();
  }

  private static int indexOf(List<String> calls, String call, String argument) {
    for (int i = 0; i < calls.size(); i++) {
      String line = calls.get(i);
      if (line.contains(" " + call) && line.contains(argument) && !line.contains("= -1")) {
        return i;
      }
    }
    return -1;
  }
}
