package io.volback.cli;

import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.app.UsageException;
import io.volback.repo.Repository;
import io.volback.repo.RepositoryException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SecondRepository is the other repository of a command that uses two (copy's target with --to-*,
 * init's source with --from-*): where it is and its own password, from the command's options, else
 * from VOLBACK_TO_* / VOLBACK_FROM_* variables. It shares the first repository's S3 options except
 * the endpoint, when one is given for it. Errors name the role ("the target repository").
 */
final class SecondRepository {
  /** Role says which of the two repositories this is, and the names of its options. */
  enum Role {
    TARGET("the target repository", "--to", "VOLBACK_TO"),
    SOURCE("the source repository", "--from", "VOLBACK_FROM");

    final String description;
    final String option;
    final String env;

    Role(String description, String option, String env) {
      this.description = description;
      this.option = option;
      this.env = env;
    }
  }

  private final Role role;
  private final String repository;
  private final Path passwordFile;
  private final String passwordCommand;
  private final String s3Endpoint;
  private final EnvSecrets env;

  SecondRepository(
      Role role,
      String repository,
      Path passwordFile,
      String passwordCommand,
      String s3Endpoint,
      Map<String, String> env) {
    this.role = role;
    this.repository = repository;
    this.passwordFile = passwordFile;
    this.passwordCommand = passwordCommand;
    this.s3Endpoint = s3Endpoint;
    this.env = new EnvSecrets(env);
  }

  /** Whether the repository is given at all (option or variable). */
  boolean isGiven() {
    return location() != null;
  }

  /** The repository string; a usage error naming the option when none is given. */
  String location() {
    if (repository != null && !repository.isBlank()) {
      return repository.strip();
    }
    return env.get(role.env + "_REPOSITORY", role.description).map(String::strip).orElse(null);
  }

  RepositorySettings settings(VolbackCommand root, Map<String, String> environment) {
    String location = location();
    if (location == null) {
      throw new UsageException(
          "no "
              + role.description.substring(4)
              + ": use "
              + role.option
              + "-repo or set "
              + role.env
              + "_REPOSITORY");
    }
    String endpoint = s3Endpoint != null ? s3Endpoint : root.s3Endpoint;
    return new RepositoryOptions(root, environment).settingsFor(location, endpoint);
  }

  /** The password of this repository; never the first repository's. */
  char[] password() {
    List<Source> given = new ArrayList<>();
    if (passwordFile != null) {
      String name = role.option + "-password-file";
      given.add(new Source(name, () -> fromFile(passwordFile, name)));
    }
    if (passwordCommand != null && !passwordCommand.isBlank()) {
      String name = role.option + "-password-command";
      given.add(
          new Source(
              name, () -> new PasswordCommand(passwordCommand, name, PasswordCommand.LIMIT).run()));
    }
    if (given.isEmpty()) {
      String var = role.env + "_PASSWORD";
      if (env.isSet(var)) {
        given.add(
            new Source(
                var + " or " + var + "_FILE",
                () -> env.get(var, "the password").orElseThrow().toCharArray()));
      }
      String command = env.value(role.env + "_PASSWORD_COMMAND");
      if (command != null) {
        String name = role.env + "_PASSWORD_COMMAND";
        given.add(
            new Source(
                name, () -> new PasswordCommand(command, name, PasswordCommand.LIMIT).run()));
      }
    }
    if (given.size() > 1) {
      throw new UsageException(
          given.get(0).name()
              + " and "
              + given.get(1).name()
              + " both give the password of "
              + role.description
              + ": use one");
    }
    if (given.isEmpty()) {
      throw new UsageException(
          "no password for "
              + role.description
              + ": use "
              + role.option
              + "-password-file or "
              + role.option
              + "-password-command, or set "
              + role.env
              + "_PASSWORD_FILE, "
              + role.env
              + "_PASSWORD_COMMAND or "
              + role.env
              + "_PASSWORD");
    }
    return given.get(0).read().get();
  }

  /**
   * Opens this repository with its own password; a failure (missing, wrong password, unreachable)
   * says which of the two repositories it concerns and keeps its exit code.
   */
  Repository open(VolbackCommand root, Repository.Preload preload) throws IOException {
    RepositorySettings settings = settings(root, System.getenv());
    char[] password = password();
    try {
      return Repositories.open(settings, password, preload);
    } catch (IOException e) {
      throw new RepositoryException(role.description + ": " + ErrorReporter.message(e), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] fromFile(Path file, String source) {
    return SecretFile.firstLine(file, "the password", source).toCharArray();
  }

  private record Source(String name, Supplier<char[]> read) {}
}
