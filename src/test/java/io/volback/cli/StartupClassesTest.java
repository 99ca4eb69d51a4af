package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command loads at start-up is most of what it costs a cold JVM: a child JVM through the
 * real entry point, its class loading logged, must not load libraries the command does not use.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StartupClassesTest {
  @TempDir Path tmp;

  @Test
  void loggingIsSetUpWithoutAnXmlParser() throws Exception {
    List<String> loaded = loadedClasses("version");

    assertThat(loaded).anyMatch(name -> name.startsWith("ch.qos.logback.classic."));
    assertThat(loaded)
        .noneMatch(name -> name.startsWith("javax.xml.parsers."))
        .noneMatch(name -> name.startsWith("com.sun.org.apache.xerces."))
        .noneMatch(name -> name.startsWith("ch.qos.logback.classic.joran."))
        .noneMatch(name -> name.startsWith("ch.qos.logback.core.pattern.parser."));
  }

  @Test
  void aLocalRepositoryCommandLoadsNoS3DockerOrServiceLibraries() throws Exception {
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "startup-classes-password");
    List<String> loaded =
        loadedClasses(
            "-r", repo.toString(), "--password-file", password.toString(), "init", "--json");

    assertThat(loaded).anyMatch(name -> name.startsWith("io.volback.repo.Repository"));
    for (String unused :
        List.of(
            "software.amazon.awssdk.",
            "com.github.dockerjava.",
            "org.quartz.",
            "com.zaxxer.hikari.",
            "io.prometheus.",
            "com.fasterxml.jackson.dataformat.yaml.",
            "org.postgresql.")) {
      assertThat(loaded).as(unused).noneMatch(name -> name.startsWith(unused));
    }
  }

  private List<String> loadedClasses(String... args) throws Exception {
    Path log = tmp.resolve("classes-" + System.nanoTime() + ".log");
    ProcessBuilder pb = VolbackProcess.builder(Map.of(), args);
    VolbackProcess.addJvmOption(pb, "-Xlog:class+load=info:file=" + log);
    Cli.Result result = VolbackProcess.run(pb, StandardCharsets.UTF_8);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return Files.readAllLines(log).stream()
        .map(line -> line.substring(line.indexOf("] ", line.indexOf("class,load")) + 2))
        .map(rest -> rest.split(" ", 2)[0])
        .toList();
  }
}
