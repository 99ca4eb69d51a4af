package io.volback.cli;

import io.volback.app.RepositorySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
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
    description = "Backs up Docker volumes into a deduplicated, compressed, encrypted repository.")
public final class VolbackCommand implements Runnable {
  /** The subcommands, in the order help lists them. */
  static final Map<String, Class<?>> SUBCOMMANDS =
      subcommands(
          InitCommand.class,
          VolumesCommand.class,
          BackupCommand.class,
          SnapshotsCommand.class,
          LsCommand.class,
          RestoreCommand.class,
          ExportCommand.class,
          VersionCommand.class,
          GenerateCommand.class,
          CheckCommand.class,
          ForgetCommand.class,
          PruneCommand.class,
          KeyCommand.class,
          UnlockCommand.class,
          StatsCommand.class,
          DiffCommand.class,
          ServeCommand.class,
          CopyCommand.class,
          DrillCommand.class,
          DrillsCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = {"-r", "--repo"},
      paramLabel = "REPO",
      scope = ScopeType.INHERIT,
      description =
          "Repository: a folder, file:///path or s3://bucket[/prefix] (env VOLBACK_REPOSITORY).")
  String repository;

  @Option(
      names = "--repository-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Read the repository from FILE (env VOLBACK_REPOSITORY_FILE).")
  Path repositoryFile;

  @Option(
      names = {"-p", "--password-file"},
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Read the repository password from FILE (env VOLBACK_PASSWORD_FILE, or VOLBACK_PASSWORD).")
  Path passwordFile;

  @Option(
      names = "--password-command",
      paramLabel = "CMD",
      scope = ScopeType.INHERIT,
      description =
          "Run CMD with sh -c; the first line it prints is the password"
              + " (env VOLBACK_PASSWORD_COMMAND).")
  String passwordCommand;

  @Option(
      names = "--password-stdin",
      scope = ScopeType.INHERIT,
      description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Option(
      names = {"-H", "--host"},
      paramLabel = "DOCKER_HOST",
      description =
          "Docker host of the commands that use Docker (volumes, backup, restore): unix:///path or"
              + " tcp://host:port (env DOCKER_HOST).")
  String dockerHost;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description =
          "Docker context to use, as `docker context use` (env DOCKER_CONTEXT); not with -H.")
  String dockerContext;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON instead of text and progress.")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only what scripts need: no progress, no summaries beyond the essential.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Say more (repeat for more: -vv lists every file as it is processed).")
  boolean[] verbosity = new boolean[0];

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean debug;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:VOLBACK_S3_ENDPOINT}",
      description = "Endpoint of an S3-compatible server (env VOLBACK_S3_ENDPOINT).")
  String s3Endpoint;

  @Option(
      names = "--s3-path-style",
      scope = ScopeType.INHERIT,
      description =
          "Use path-style S3 addressing (env VOLBACK_S3_PATH_STYLE; the default for an endpoint"
              + " that is an IP address or localhost).")
  boolean s3PathStyle;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Also trust the PEM certificates in FILE for S3 over https, repeatable (env"
              + " VOLBACK_CACERT).")
  List<Path> caCerts = new ArrayList<>();

  @Option(
      names = "--insecure-tls",
      scope = ScopeType.INHERIT,
      description = "Do not verify the S3 server's TLS certificate (warns on every run).")
  boolean insecureTls;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Keep the metadata cache of S3 repositories in DIR (env VOLBACK_CACHE_DIR; default"
              + " $XDG_CACHE_HOME/volback or ~/.cache/volback).")
  Path cacheDir;

  @Option(
      names = "--retry-lock",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      converter = LockWaitConverter.class,
      description =
          "How long to wait for a repository lock another process holds before giving up with"
              + " exit 11 (30s, 5m, 0s; default 30s, prune 0s).")
  Duration retryLock;

  @Option(
      names = "--no-cache",
      scope = ScopeType.INHERIT,
      description = "Read everything from the repository, keeping no local metadata cache.")
  boolean noCache;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The command line for args. Building picocli's model of all seven subcommands took a cold JVM
   * ~120 ms, so only subcommands whose names appear in args are added (any token may name one,
   * which is harmless); with none named, all are, for help and errors.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new VolbackCommand());
    Set<String> named = new HashSet<>(Arrays.asList(args));
    boolean any = SUBCOMMANDS.keySet().stream().anyMatch(named::contains);
    SUBCOMMANDS.forEach(
        (name, type) -> {
          if (!any || named.contains(name)) {
            cli.addSubcommand(name, type);
          }
        });
    return cli;
  }

  private static Map<String, Class<?>> subcommands(Class<?>... types) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> type : types) {
      byName.put(type.getAnnotation(Command.class).name(), type);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** 0 normally, 1 with -v, 2 with -vv; -q gives -1. */
  int verbosity() {
    return quiet ? -1 : verbosity.length;
  }

  RepositorySettings repositorySettings() {
    return new RepositoryOptions(this, System.getenv()).settings();
  }

  Passwords.Options passwordOptions() {
    return new Passwords.Options(passwordFile, passwordCommand, passwordStdin);
  }
}
