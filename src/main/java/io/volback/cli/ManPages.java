package io.volback.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * ManPages renders picocli's model as troff man pages, volback(1) and volback-COMMAND(1), ready for
 * man(1). (picocli-codegen's ManPageGenerator writes AsciiDoc, which needs asciidoctor first.)
 */
final class ManPages {
  private ManPages() {}

  /** The pages by file name: volback.1 first, then one per subcommand. */
  static Map<String, String> pages(CommandLine root) {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put(root.getCommandName() + ".1", page(root, root.getCommandName()));
    root.getSubcommands()
        .forEach(
            (name, cli) -> {
              String title = root.getCommandName() + "-" + name;
              pages.put(title + ".1", page(cli, title));
            });
    return pages;
  }

  private static String page(CommandLine cli, String title) {
    CommandSpec spec = cli.getCommandSpec();
    boolean isRoot = spec.parent() == null;
    StringBuilder out = new StringBuilder();
    out.append(".TH ")
        .append(title.toUpperCase(java.util.Locale.ROOT))
        .append(" 1 \"\" \"volback ")
        .append(escape(Version.number()))
        .append("\" \"volback manual\"\n");
    out.append(".SH NAME\n")
        .append(escape(title))
        .append(" \\- ")
        .append(escape(String.join(" ", spec.usageMessage().description())))
        .append('\n');
    out.append(".SH SYNOPSIS\n.nf\n")
        .append(escape(new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip()))
        .append("\n.fi\n");
    if (!spec.positionalParameters().isEmpty()) {
      out.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        item(out, p.paramLabel(), p.description());
      }
    }
    out.append(isRoot ? ".SH GLOBAL OPTIONS\n" : ".SH OPTIONS\n");
    for (OptionSpec option : spec.options()) {
      if (!option.hidden() && (isRoot || !option.inherited())) {
        String label = option.arity().max() > 0 ? " " + option.paramLabel() : "";
        item(out, String.join(", ", option.names()) + label, option.description());
      }
    }
    if (isRoot) {
      out.append(".SH COMMANDS\n");
      cli.getSubcommands()
          .forEach(
              (name, sub) ->
                  item(
                      out,
                      name,
                      sub.getCommandSpec().usageMessage().description(),
                      "See " + title + "-" + name + "(1)."));
    }
    out.append(".SH SEE ALSO\n");
    out.append(
            escape(
                isRoot
                    ? String.join(
                        ", ",
                        cli.getSubcommands().keySet().stream()
                            .map(n -> title + "-" + n + "(1)")
                            .toList())
                    : "volback(1) for the global options"))
        .append('\n');
    return out.toString();
  }

  private static void item(StringBuilder out, String term, String[] description, String... more) {
    out.append(".TP\n\\fB").append(escape(term)).append("\\fR\n");
    String text =
        String.join(" ", description) + (more.length == 0 ? "" : " " + String.join(" ", more));
    out.append(escape(text.strip())).append('\n');
  }

  /** Text as troff prints it literally: backslashes, hyphens and a leading dot or quote escaped. */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    return escaped.replaceAll("(?m)^([.'])", "\\\\&$1");
  }
}
