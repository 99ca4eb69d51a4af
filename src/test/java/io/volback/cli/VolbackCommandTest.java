package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VolbackCommandTest {
  @Test
  void onlyTheSubcommandsNamedAreBuiltAndAllWithoutOne() {
    assertThat(VolbackCommand.commandLine("-r", "/repo", "snapshots").getSubcommands())
        .containsOnlyKeys("snapshots");
    assertThat(VolbackCommand.commandLine("--help").getSubcommands().keySet())
        .containsExactlyElementsOf(VolbackCommand.SUBCOMMANDS.keySet());
  }

  @Test
  void argumentsThatNameOtherSubcommandsStillParse() {
    String[] args = {"--password-file=init", "backup", "ls", "--tag", "restore"};
    CommandLine.ParseResult parsed = VolbackCommand.commandLine(args).parseArgs(args);
    CommandLine.ParseResult backup = parsed.subcommand();
    assertThat(backup.commandSpec().name()).isEqualTo("backup");
    assertThat(backup.matchedPositionals().get(0).<java.util.List<String>>getValue())
        .containsExactly("ls");
    assertThat(backup.matchedOption("--tag").<java.util.List<String>>getValue())
        .containsExactly("restore");
  }
}
