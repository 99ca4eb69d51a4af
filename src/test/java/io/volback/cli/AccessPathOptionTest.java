package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.app.AccessPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AccessPathOptionTest {
  @Test
  void readAndWritePathTakeLowerCaseLabelsAsOneEnum() {
    String[] backup = {"backup", "v", "--read-path", "mountpoint"};
    CommandLine.ParseResult parsed = VolbackCommand.commandLine(backup).parseArgs(backup);
    assertThat(parsed.subcommand().matchedOption("--read-path").<AccessPath>getValue())
        .isEqualTo(AccessPath.MOUNTPOINT);
    String[] restore = {"restore", "latest", "--volume", "v", "--write-path", "api"};
    parsed = VolbackCommand.commandLine(restore).parseArgs(restore);
    assertThat(parsed.subcommand().matchedOption("--write-path").<AccessPath>getValue())
        .isEqualTo(AccessPath.API);
  }

  @Test
  void accessPathHelpListsTheLowerCaseCandidates() {
    String[] args = {"backup", "--help"};
    String help = VolbackCommand.commandLine(args).getSubcommands().get("backup").getUsageMessage();
    assertThat(help).contains("How to read volumes (auto, api, mountpoint)");
  }

  @Test
  void unknownAccessPathIsAUsageErrorNamingTheOption() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "-r",
            "/nonexistent-repo",
            "restore",
            "latest",
            "--volume",
            "v",
            "--write-path",
            "disk");
    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .isEqualTo("volback: error: --write-path takes auto, api or mountpoint, not 'disk'\n");
  }
}
