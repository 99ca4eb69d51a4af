package io.volback.cli;

import picocli.CommandLine.Option;

/**
 * DockerHostOption is -H/--host on the commands that use Docker; the same option before the command
 * name (volback -H HOST backup) is VolbackCommand's and applies when this one is not given.
 */
final class DockerHostOption {
  @Option(
      names = {"-H", "--host"},
      paramLabel = "DOCKER_HOST",
      description = "Docker host: unix:///path or tcp://host:port (env DOCKER_HOST).")
  String address;
}
