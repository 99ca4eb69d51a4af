package io.volback.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.volback.app.Repositories;
import io.volback.repo.Json;
import io.volback.repo.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** CommandBase gives every command the global options, the repository and output helpers. */
abstract class CommandBase implements Callable<Integer> {
  private static final ObjectMapper JSON =
      Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand VolbackCommand root;
  @Spec CommandSpec spec;

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

  /** Prints value as one indented JSON document on stdout. */
  void printJson(Object value) {
    try {
      out().println(JSON.writeValueAsString(value));
      out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints value as one JSON line on stdout (for streams of records). */
  void printJsonLine(Object value) {
    out().println(new String(Json.write(value), StandardCharsets.UTF_8));
  }

  /**
   * Progress of verb ("backup", "restore") on stderr, shown only on a terminal, never with --json.
   */
  ConsoleProgress progress(String verb) {
    return new ConsoleProgress(err(), verb, !json() && System.console() != null);
  }
}
