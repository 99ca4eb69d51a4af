package io.volback.cli;

import io.volback.app.Repositories;
import io.volback.cli.json.JsonOutput;
import io.volback.repo.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** CommandBase gives every command the global options, the repository and output helpers. */
abstract class CommandBase implements Callable<Integer> {
  @ParentCommand VolbackCommand root;
  @Spec CommandSpec spec;
  private Output output;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return root.json;
  }

  char[] password(boolean confirm) {
    return new Passwords(root.passwordOptions(), System.getenv(), System.in).resolve(confirm);
  }

  Repository openRepository(Repository.Preload preload) throws IOException {
    return Repositories.open(root.repositorySettings(), password(false), preload);
  }

  /**
   * Opens the Docker host on another thread while the repository key is derived; join() gives the
   * host or throws its error.
   */
  DockerConnection connectDocker(DockerHostOption option) {
    return DockerConnection.start(DockerAccess.endpoint(dockerHost(option), root.dockerContext));
  }

  /** The Docker host given after the command name, else the one before it (null: DOCKER_HOST). */
  String dockerHost(DockerHostOption option) {
    return option.address != null ? option.address : root.dockerHost;
  }

  /** Prints value, a record of cli.json, as one indented JSON document on stdout. */
  void printJson(Object value) {
    out().println(JsonOutput.document(value));
    out().flush();
  }

  /** How this command prints, after the global options (-q, -v, --json) and the terminal. */
  Output output() {
    if (output == null) {
      output =
          new Output(
              out(),
              err(),
              json(),
              root.verbosity(),
              !json() && Terminal.stderrIsTerminal(),
              System.getenv());
    }
    return output;
  }

  /** The listener that shows progress of action ("backup", "restore") and lists files with -vv. */
  ConsoleProgress progress(String action) {
    return new ConsoleProgress(output(), action);
  }
}
