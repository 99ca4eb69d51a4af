package io.volback.cli;

import io.volback.app.UsageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * EnvSecrets reads a setting from the environment, offen style: from VAR itself or from the first
 * line of the file VAR_FILE names (a Docker or Kubernetes secret). Both set is a usage error naming
 * both, never a silent choice.
 */
final class EnvSecrets {
  private final Map<String, String> env;

  EnvSecrets(Map<String, String> env) {
    this.env = env;
  }

  /** The value of name or of the file name_FILE, empty when neither is set (or both are empty). */
  Optional<String> get(String name, String what) {
    String direct = value(name);
    String file = value(name + "_FILE");
    if (direct != null && file != null) {
      throw new UsageException(
          "both " + name + " and " + name + "_FILE are set: set only one of them");
    }
    if (file != null) {
      return Optional.of(SecretFile.firstLine(Path.of(file), what, name + "_FILE"));
    }
    return Optional.ofNullable(direct);
  }

  /** Whether name or name_FILE is set. */
  boolean isSet(String name) {
    return value(name) != null || value(name + "_FILE") != null;
  }

  /** The non-empty value of the variable name, else null. */
  String value(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
