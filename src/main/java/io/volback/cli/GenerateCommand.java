package io.volback.cli;

import io.volback.app.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * GenerateCommand writes shell completions and man pages from picocli's model of every command. The
 * command line a run executes holds only the subcommands it names (for start-up time), so the
 * generators get one with all of them.
 */
@Command(
    name = "generate",
    description = "Write shell completion scripts (bash, zsh, fish) and man pages.")
final class GenerateCommand extends CommandBase {
  @Option(
      names = "--bash-completion",
      paramLabel = "FILE",
      description = "Write the bash completion script to FILE (- for stdout).")
  String bash;

  @Option(
      names = "--zsh-completion",
      paramLabel = "FILE",
      description =
          "Write the zsh completion script to FILE (- for stdout); zsh runs it through bashcompinit.")
  String zsh;

  @Option(
      names = "--fish-completion",
      paramLabel = "FILE",
      description = "Write the fish completion script to FILE (- for stdout).")
  String fish;

  @Option(
      names = "--man",
      paramLabel = "DIR",
      description = "Write man pages (volback.1 and volback-COMMAND.1 for each command) into DIR.")
  Path manDir;

  @Override
  public Integer call() throws IOException {
    if (bash == null && zsh == null && fish == null && manDir == null) {
      throw new UsageException(
          "generate needs --bash-completion, --zsh-completion, --fish-completion or --man");
    }
    CommandLine all = VolbackCommand.commandLine();
    String bashScript = bash != null || zsh != null ? AutoComplete.bash("volback", all) : null;
    write(bash, bashScript);
    write(zsh, bashScript);
    write(fish, fish == null ? null : FishCompletion.script(all));
    if (manDir != null) {
      Files.createDirectories(manDir);
      for (Map.Entry<String, String> page : ManPages.pages(all).entrySet()) {
        Files.writeString(manDir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
      }
    }
    return ExitCode.OK;
  }

  private void write(String target, String text) throws IOException {
    if (target == null) {
      return;
    }
    if (target.equals("-")) {
      out().print(text);
      out().flush();
    } else {
      Files.writeString(Path.of(target), text, StandardCharsets.UTF_8);
    }
  }
}
