package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** volback version and volback generate, run as a user runs them: a process and its streams. */
@Timeout(120)
class VersionAndGenerateTest {
  @TempDir Path tmp;

  private static Cli.Result volback(String... args) throws Exception {
    return VolbackProcess.run(Map.of(), args);
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    return r;
  }

  private static String shell(String script) throws Exception {
    Processes.Finished f =
        Processes.run(
            new ProcessBuilder("bash", "-c", script).redirectErrorStream(true),
            Duration.ofSeconds(30));
    assertThat(f.exitCode()).as(f.output()).isZero();
    return f.output();
  }

  @Test
  void versionPrintsVolbackJavaAndPlatform() throws Exception {
    String out = ok(volback("version")).out();

    assertThat(out.lines()).hasSize(1);
    assertThat(out)
        .startsWith("volback dev on Java " + System.getProperty("java.version"))
        .contains(System.getProperty("java.vendor"))
        .contains("linux/");
  }

  @Test
  void versionJsonHasVersionJavaOsAndArch() throws Exception {
    JsonNode v = new ObjectMapper().readTree(ok(volback("version", "--json")).out());

    assertThat(v.get("version").asText()).isEqualTo("dev");
    assertThat(v.get("java").asText()).isEqualTo(System.getProperty("java.version"));
    assertThat(v.get("java_vendor").asText()).isEqualTo(System.getProperty("java.vendor"));
    assertThat(v.get("os").asText()).isEqualTo("linux");
    assertThat(v.get("arch").asText())
        .isEqualTo(VersionCommand.Info.arch(System.getProperty("os.arch")));
  }

  @Test
  void versionOptionStillWorks() throws Exception {
    assertThat(ok(volback("--version")).out().strip()).isEqualTo("volback dev");
  }

  @Test
  void bashCompletionIsSourcedByBashAndCompletesEverySubcommand() throws Exception {
    Path script = tmp.resolve("volback.bash");
    ok(volback("generate", "--bash-completion", script.toString()));

    String out =
        shell(
            "source "
                + script
                + " && complete -p volback"
                + " && COMP_WORDS=(volback '') COMP_CWORD=1 && _complete_volback 2>/dev/null"
                + " && echo \"${COMPREPLY[@]}\"");

    assertThat(out).contains("-F _complete_volback volback");
    assertThat(out.lines().toList().get(1).split(" "))
        .containsAll(VolbackCommand.SUBCOMMANDS.keySet());
  }

  @Test
  void zshCompletionGoesToStdoutAndLoadsThroughBashcompinit() throws Exception {
    String out = ok(volback("generate", "--zsh-completion", "-")).out();

    assertThat(out).contains("bashcompinit").contains("complete -F _complete_volback");
  }

  @Test
  void manPagesAreWrittenPerSubcommandAndRenderWithoutWarnings() throws Exception {
    Path dir = tmp.resolve("man/man1");
    ok(volback("generate", "--man", dir.toString()));

    List<String> expected = new ArrayList<>(List.of("volback.1"));
    VolbackCommand.SUBCOMMANDS.keySet().forEach(n -> expected.add("volback-" + n + ".1"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(shell("groff -man -ww -z " + dir + "/*.1")).isEmpty();
    String backup = shell("MANWIDTH=100 man -l " + dir.resolve("volback-backup.1"));
    assertThat(backup).contains("volback-backup - Snapshot volumes").contains("--exclude-volume");
  }

  @Test
  void fishCompletionMentionsEverySubcommand() throws Exception {
    Path script = tmp.resolve("volback.fish");
    ok(volback("generate", "--fish-completion", script.toString()));

    String fish = Files.readString(script);
    for (String name : VolbackCommand.SUBCOMMANDS.keySet()) {
      assertThat(fish).contains("-n __fish_use_subcommand -a " + name + " ");
    }
    assertThat(fish)
        .contains(
            "-n '__fish_seen_subcommand_from backup' -l read-path -r -a 'auto api mountpoint'");
  }

  @Test
  void generateWithNothingToWriteIsAUsageError() throws Exception {
    Cli.Result r = volback("generate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("generate needs --bash-completion");
  }
}
