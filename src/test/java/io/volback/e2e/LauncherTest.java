package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/volback, run against a jar made here (the tests run before Maven packages
 * target/volback.jar): its class-data archive is made only by a command that opens a repository,
 * replaces the archives of other builds, and is used by the next run.
 */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void makesTheArchiveFromARepositoryCommandAndDropsOldOnes() throws Exception {
    Path jar = launcherJar();
    Path cache = Files.createDirectories(tmp.resolve("cache/volback"));
    Path stale = Files.write(cache.resolve("volback-1-2.jsa"), new byte[] {1});
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "launcher-test-password");

    assertThat(run(jar, "--help").exitCode).isZero();
    assertThat(archives(cache)).containsExactly(stale);

    Result init = run(jar, "-r", repo.toString(), "--password-file", password.toString(), "init");
    assertThat(init.exitCode).as(init.output).isZero();
    assertThat(archives(cache)).containsExactly(stale);
    // the tests' own runs use cheap keys (testsupport.CheapKeys); a user's init does not
    try (Stream<Path> keys = Files.list(repo.resolve("keys"))) {
      assertThat(Files.readString(keys.findFirst().orElseThrow()))
          .containsPattern("\"n\"\\s*:\\s*65536")
          .containsPattern("\"r\"\\s*:\\s*8");
    }

    Result list =
        run(jar, "-r", repo.toString(), "--password-file", password.toString(), "snapshots");
    assertThat(list.exitCode).as(list.output).isZero();
    List<Path> made = archives(cache);
    assertThat(made).hasSize(1).doesNotContain(stale);
    assertThat(made.get(0).getFileName().toString())
        .isEqualTo(
            "volback-"
                + Files.size(jar)
                + "-"
                + Files.getLastModifiedTime(jar).toMillis() / 1000
                + ".jsa");

    Result again =
        run(
            jar,
            "-r",
            repo.toString(),
            "--password-file",
            password.toString(),
            "--json",
            "snapshots");
    assertThat(again.exitCode).as(again.output).isZero();
    assertThat(again.output.strip()).isEqualTo("[ ]");
    assertThat(archives(cache)).isEqualTo(made);
  }

  @Test
  void runsCommandsWithC1OnlyAndServeWithTheFullCompiler() throws Exception {
    Path jar = launcherJar();

    assertThat(tieredStopAtLevel(jar, "version")).isEqualTo("1");
    assertThat(tieredStopAtLevel(jar, "serve", "--help")).isEqualTo("4");
  }

  private String tieredStopAtLevel(Path jar, String... args)
      throws IOException, InterruptedException {
    Result result = runWithJavaOpts(jar, "-XX:+PrintFlagsFinal", args);
    assertThat(result.exitCode).as(result.output).isZero();
    Matcher level = Pattern.compile("intx TieredStopAtLevel\\s+= (\\d+)").matcher(result.output);
    assertThat(level.find()).as(result.output).isTrue();
    return level.group(1);
  }

  private record Result(int exitCode, String output) {}

  private Result run(Path jar, String... args) throws IOException, InterruptedException {
    return runWithJavaOpts(jar, null, args);
  }

  private Result runWithJavaOpts(Path jar, String javaOpts, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bin/volback"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("VOLBACK_JAR", jar.toString());
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    pb.environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    pb.environment().remove("VOLBACK_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("VOLBACK_JAVA_OPTS", javaOpts);
    }
    Processes.Finished finished = Processes.run(pb, Duration.ofSeconds(120));
    return new Result(finished.exitCode(), finished.output());
  }

  private static List<Path> archives(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }

  /** A jar whose manifest runs volback's Main with the test class path. */
  private Path launcherJar() throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "io.volback.cli.Main");
    main.put(
        Attributes.Name.CLASS_PATH,
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toUri().toString())
            .collect(Collectors.joining(" ")));
    Path jar = tmp.resolve("volback-test.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream unused = new JarOutputStream(out, manifest)) {
      // the manifest is the whole jar
    }
    return jar;
  }
}
