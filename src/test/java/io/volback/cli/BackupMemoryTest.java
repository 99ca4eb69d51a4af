package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** backup in bin/volback's 128 MiB heap, in a JVM of its own: memory bounded in files and blobs. */
class BackupMemoryTest {
  private static final int FILES = 100_000;
  @TempDir Path tmp;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void aHundredThousandSmallFilesBackUpIn128MiBOfHeap() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    writeSmallFiles(source, FILES);
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");

    Cli.Result init =
        run("-Xmx128m", "-r", repo.toString(), "--password-file", password.toString(), "init");
    assertThat(init.exitCode()).as(init.toString()).isZero();
    Cli.Result backup =
        run(
            "-Xmx128m",
            "-r",
            repo.toString(),
            "--password-file",
            password.toString(),
            "backup",
            "--path",
            source.toString(),
            "--name",
            "mail");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    assertThat(backup.out()).contains(FILES + " files");
    assertThat(Files.list(repo.resolve("index")).count()).isGreaterThan(1);

    Cli.Result again =
        run(
            "-Xmx128m",
            "-r",
            repo.toString(),
            "--password-file",
            password.toString(),
            "backup",
            "--path",
            source.toString(),
            "--name",
            "mail");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("0 B added");
  }

  /**
   * Out of memory anyway (24 MiB of heap: key derivation alone needs 64 MiB): one line with the
   * remedy, no stack trace.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void runningOutOfMemoryIsOneLineWithTheRemedy() throws Exception {
    Path source = Files.createDirectory(tmp.resolve("source"));
    byte[] data = new byte[32 << 20];
    new Random(1).nextBytes(data);
    Files.write(source.resolve("big.bin"), data);
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli.Result init =
        run("-Xmx128m", "-r", repo.toString(), "--password-file", password.toString(), "init");
    assertThat(init.exitCode()).as(init.toString()).isZero();

    Cli.Result backup =
        run(
            "-Xmx24m",
            "-r",
            repo.toString(),
            "--password-file",
            password.toString(),
            "backup",
            "--path",
            source.toString());
    assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(backup.err().strip().lines()).as(backup.toString()).hasSize(1);
    assertThat(backup.err())
        .contains("out of memory")
        .contains("VOLBACK_JAVA_OPTS=-Xmx")
        .doesNotContain("\tat ");
  }

  /** FILES files of 1-2 KiB, 1,000 a directory, each different; half text, half random. */
  private static void writeSmallFiles(Path root, int count) throws IOException {
    Random random = new Random(15);
    byte[] buffer = new byte[2048];
    String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod ";
    for (int i = 0; i < count; i++) {
      Path dir = root.resolve(String.format("d%03d", i / 1000));
      if (i % 1000 == 0) {
        Files.createDirectory(dir);
      }
      int size = 1024 + random.nextInt(1024);
      if (i % 2 == 0) {
        random.nextBytes(buffer);
      } else {
        byte[] text = (i + " " + words.repeat(30)).getBytes();
        System.arraycopy(text, 0, buffer, 0, buffer.length);
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve("m" + i))) {
        out.write(buffer, 0, size);
      }
    }
  }

  /** Runs volback in a JVM with bin/volback's collector and the given heap. */
  private static Cli.Result run(String heap, String... args) throws Exception {
    ProcessBuilder pb = VolbackProcess.builder(Map.of(), args);
    List<String> command = pb.command();
    command.set(command.indexOf("-Xmx512m"), heap);
    VolbackProcess.addJvmOption(pb, "-XX:+UseSerialGC");
    File out = File.createTempFile("volback-out", ".txt");
    File err = File.createTempFile("volback-err", ".txt");
    try {
      Process p = pb.redirectOutput(out).redirectError(err).start();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(
            "volback " + String.join(" ", args) + " did not finish in 3 minutes");
      }
      return new Cli.Result(
          p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    } finally {
      out.delete();
      err.delete();
    }
  }
}
