package io.volback.cli;

import io.volback.app.RepositorySettings;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** VolbackCommand is the top-level command; it holds the global options every command shares. */
@Command(
    name = "volback",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Version.class,
    usageHelpAutoWidth = true,
    description = "Backs up Docker volumes into a deduplicated, compressed, encrypted repository.",
    subcommands = {
        InitCommand.class,
        VolumesCommand.class,
        BackupCommand.class,
        SnapshotsCommand.class,
        LsCommand.class,
        RestoreCommand.class,
        ExportCommand.class
    })
public final class VolbackCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-r", "--repo"}, paramLabel = "REPO", scope = ScopeType.INHERIT,
      defaultValue = "${env:VOLBACK_REPOSITORY}",
      description = "Repository: a folder, file:///path or s3://bucket[/prefix] (env VOLBACK_REPOSITORY).")
  String repository;

  @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Read the repository password from FILE (env VOLBACK_PASSWORD_FILE, or VOLBACK_PASSWORD).")
  Path passwordFile;

  @Option(names = {"-H", "--host"}, paramLabel = "DOCKER_HOST", scope = ScopeType.INHERIT,
      description = "Docker host: unix:///path or tcp://host:port (env DOCKER_HOST).")
  String dockerHost;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON instead of text and progress.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean verbose;

  @Option(names = "--s3-endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
      defaultValue = "${env:VOLBACK_S3_ENDPOINT}",
      description = "Endpoint of an S3-compatible server (env VOLBACK_S3_ENDPOINT).")
  String s3Endpoint;

  @Option(names = "--s3-path-style", scope = ScopeType.INHERIT,
      description = "Use path-style S3 addressing (most S3-compatible servers need it).")
  boolean s3PathStyle;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  RepositorySettings repositorySettings() {
    return new RepositorySettings(repository, s3Endpoint, s3PathStyle);
  }
}
