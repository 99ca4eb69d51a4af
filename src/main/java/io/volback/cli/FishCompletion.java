package io.volback.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * FishCompletion writes a fish completion script from picocli's model (picocli generates bash
 * only): the subcommands first, then each command's options, offered once its name was typed.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandLine root) {
    String name = root.getCommandName();
    StringBuilder out = new StringBuilder("# fish completion for " + name + "\n");
    out.append("complete -c ").append(name).append(" -f\n");
    for (OptionSpec option : root.getCommandSpec().options()) {
      out.append(option(name, "", option));
    }
    root.getSubcommands()
        .forEach(
            (sub, cli) ->
                out.append("complete -c ")
                    .append(name)
                    .append(" -n __fish_use_subcommand -a ")
                    .append(sub)
                    .append(" -d ")
                    .append(quote(first(cli.getCommandSpec().usageMessage().description())))
                    .append('\n'));
    root.getSubcommands()
        .forEach(
            (sub, cli) -> {
              String condition = "-n '__fish_seen_subcommand_from " + sub + "' ";
              for (OptionSpec option : cli.getCommandSpec().options()) {
                if (!option.inherited()) {
                  out.append(option(name, condition, option));
                }
              }
            });
    return out.toString();
  }

  private static String option(String command, String condition, OptionSpec option) {
    if (option.hidden()) {
      return "";
    }
    List<String> parts = new ArrayList<>(List.of("complete -c " + command));
    if (!condition.isEmpty()) {
      parts.add(condition.strip());
    }
    for (String n : option.names()) {
      parts.add(n.startsWith("--") ? "-l " + n.substring(2) : "-s " + n.substring(1));
    }
    if (option.arity().max() > 0) {
      parts.add("-r");
      List<String> candidates = new ArrayList<>();
      if (option.completionCandidates() != null) {
        option.completionCandidates().forEach(candidates::add);
      }
      if (!candidates.isEmpty()) {
        parts.add("-a " + quote(String.join(" ", candidates)));
      } else if (option.type() == Path.class || option.paramLabel().matches("FILE|DIR|FILE\\|-")) {
        parts.add("-F");
      }
    }
    parts.add("-d " + quote(first(option.description())));
    return String.join(" ", parts) + "\n";
  }

  private static String first(String[] lines) {
    return lines.length == 0 ? "" : lines[0];
  }

  /** A fish single-quoted string: only \ and ' are special inside. */
  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
