package io.volback.cli;

import io.volback.app.ManageKeys;
import io.volback.cli.json.KeyChangeJson;
import io.volback.cli.json.KeyJson;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.crypto.KeyFile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * KeyCommand manages the repository's passwords (key files): list, add, remove, passwd. Each key
 * wraps the same master key, so a change never touches data.
 */
@Command(
    name = "key",
    description =
        "Manage the repository's passwords (keys): list, add, remove ID, passwd."
            + " A change re-wraps the master key only; data is not touched.")
final class KeyCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return ExitCode.USAGE;
  }

  @Command(name = "list", description = "List the keys; * marks the one the given password opened.")
  int list() throws Exception {
    try (Repository repo = openRepository(Repository.Preload.NOTHING)) {
      List<ManageKeys.KeyListing> keys = manage(repo).list();
      if (json()) {
        printJson(
            keys.stream()
                .map(
                    k -> {
                      KeyFile f = k.key().keyFile();
                      return new KeyJson(
                          k.key().id().hex(),
                          k.key().id().shortHex(),
                          k.current(),
                          f.hostname(),
                          f.username(),
                          f.created());
                    })
                .toList());
        return ExitCode.OK;
      }
      Table table = new Table(" ", "ID", "User", "Host", "Created");
      for (ManageKeys.KeyListing k : keys) {
        KeyFile f = k.key().keyFile();
        table.row(
            k.current() ? "*" : " ",
            k.key().id().shortHex(),
            f.username() == null ? "-" : f.username(),
            f.hostname() == null ? "-" : f.hostname(),
            f.created() == null ? "-" : Format.time(f.created()));
      }
      table.print(out());
      output().info(keys.size() + (keys.size() == 1 ? " key" : " keys"));
      return ExitCode.OK;
    }
  }

  @Command(name = "add", description = "Add a password (a new key for the same master key).")
  int add(
      @Option(
              names = "--new-password-file",
              paramLabel = "FILE",
              description = "Read the new password from FILE (env VOLBACK_NEW_PASSWORD_FILE).")
          Path newPasswordFile)
      throws Exception {
    try (Repository repo = openRepository(Repository.Preload.NOTHING)) {
      Id id = manage(repo).add(NewPassword.resolve(newPasswordFile, System.getenv()));
      if (json()) {
        printJson(new KeyChangeJson(id.hex(), null));
      }
      output().info("saved new key " + id.shortHex());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "remove",
      description =
          "Remove the key ID (a prefix of it is enough). Refused for the key the given password"
              + " opened and for the last key.")
  int remove(@Parameters(paramLabel = "ID", description = "The key's id or a prefix.") String id)
      throws Exception {
    try (Repository repo = openRepository(Repository.Preload.NOTHING)) {
      Id removed = manage(repo).remove(id);
      if (json()) {
        printJson(new KeyChangeJson(null, removed.hex()));
      }
      output().info("removed key " + removed.shortHex());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "passwd",
      description =
          "Change the password: add a key for the new one, then remove the key the old one opened.")
  int passwd(
      @Option(
              names = "--new-password-file",
              paramLabel = "FILE",
              description = "Read the new password from FILE (env VOLBACK_NEW_PASSWORD_FILE).")
          Path newPasswordFile)
      throws Exception {
    try (Repository repo = openRepository(Repository.Preload.NOTHING)) {
      ManageKeys.Changed changed =
          manage(repo).passwd(NewPassword.resolve(newPasswordFile, System.getenv()));
      if (json()) {
        printJson(new KeyChangeJson(changed.added().hex(), changed.removed().hex()));
      }
      output()
          .info(
              "saved new key "
                  + changed.added().shortHex()
                  + ", removed key "
                  + changed.removed().shortHex()
                  + ": the old password no longer opens the repository");
      return ExitCode.OK;
    }
  }

  private static ManageKeys manage(Repository repo) {
    return new ManageKeys(repo, KdfParams.forNewKeys());
  }
}
