package io.volback.config;

import java.util.List;

/**
 * ConfigException says why a configuration file or a label is unusable: one line per problem, each
 * naming where it is (file:line:column and key, or volume and label).
 */
public final class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** Every problem found, one line each. */
  public List<String> problems() {
    return problems;
  }
}
