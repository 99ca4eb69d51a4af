package io.volback.cli;

import ch.qos.logback.classic.Level;
import io.volback.app.DrillPlan;
import io.volback.app.ProtectedVolume;
import io.volback.app.Repositories;
import io.volback.app.RepositorySettings;
import io.volback.app.ServicePlan;
import io.volback.app.UsageException;
import io.volback.config.ConfigException;
import io.volback.config.ConfigLoader;
import io.volback.config.SchedulerConfig;
import io.volback.config.ServiceConfig;
import io.volback.repo.Repository;
import io.volback.repo.RepositoryNotFoundException;
import io.volback.repo.WrongPasswordException;
import io.volback.schedule.QuartzServiceScheduler;
import io.volback.schedule.RunListener;
import io.volback.schedule.SchedulerSettings;
import io.volback.schedule.ServiceJob;
import io.volback.server.ListenAddress;
import io.volback.server.ServerSettings;
import io.volback.server.ServiceHttpServer;
import io.volback.server.ServiceMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(
    name = "serve",
    description = {
      "Run the scheduled service: back up volumes on their schedules (policies of --config, or"
          + " the volback.schedule labels of volumes), forget+prune and check, with /healthz,"
          + " /readyz, /metrics and a JSON API over HTTP.",
      "SIGTERM or SIGINT stops it: running backups finish (or are given up after the shutdown"
          + " timeout, containers started again) and it exits 0."
    })
final class ServeCommand extends CommandBase implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger("io.volback.service");

  @Mixin DockerHostOption dockerHostOption;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The service configuration file (docs/configuration.md); without it, zero-config.")
  Path configFile;

  @Option(
      names = "--check-config",
      description =
          "Validate the configuration (and the labels on the hosts that answer); exit 0 or 2.")
  boolean checkConfig;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "HTTP address (default: server.listen of the config, else 127.0.0.1:8080).")
  String listen;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the run history is kept (default: state-dir of the config, /var/lib/volback).")
  Path stateDir;

  @Option(
      names = "--rescan-interval",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description =
          "How often the hosts are looked at for volumes with a volback.schedule label, and the"
              + " API's volume list and readiness refreshed (default: 30s).")
  String rescanInterval;

  @Override
  public Integer call() throws Exception {
    ServiceConfig config;
    try {
      config = load();
    } catch (ConfigException e) {
      return configErrors(e.problems());
    }
    Duration rescan = duration("--rescan-interval", rescanInterval);
    RepositorySettings repository =
        new RepositoryOptions(root, System.getenv()).settings(config.repository());
    if (repository.repository() == null) {
      throw new UsageException(
          "no repository: give -r, VOLBACK_REPOSITORY or repository.location in the config");
    }
    InetSocketAddress address =
        listen != null
            ? ListenAddress.parse("--listen", listen)
            : ListenAddress.parse("server.listen", config.server().listen());
    Optional<String> token =
        config.server().token() == null
            ? Optional.empty()
            : Optional.of(SecretRefs.read(config.server().token(), "the API token").strip());
    char[] password = password(config);
    SchedulerSettings schedulerSettings = schedulerSettings(config);
    ServiceHosts hosts = new ServiceHosts(dockerHost(dockerHostOption), root.dockerContext);
    List<String> problems = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    Map<String, List<ProtectedVolume>> protectedVolumes = scan(config, hosts, problems, conflicts);
    // Labels belong to volumes anyone on the host may create: one malformed label must not keep
    // the service from protecting every other volume. The check says so; the service names it
    // on its log and leaves that volume out until it is fixed.
    if (!problems.isEmpty() && checkConfig) {
      return configErrors(problems);
    }
    problems.forEach(p -> log.error("{} (this volume is not backed up until it is fixed)", p));
    if (checkConfig) {
      conflicts.forEach(c -> err().println("volback: warning: " + c));
      err().flush();
    } else {
      conflicts.forEach(c -> log.warn("{}", c));
    }
    List<ServiceJob> jobs = ServiceJobs.of(config, protectedVolumes);
    if (checkConfig) {
      out()
          .println(
              "configuration is valid: "
                  + config.hosts().size()
                  + " Docker hosts, "
                  + config.policies().size()
                  + " policies, "
                  + jobs.size()
                  + " jobs");
      for (ServiceJob job : jobs) {
        out().println("  " + job.id() + "  " + job.cron() + "  " + job.zone());
      }
      return ExitCode.OK;
    }
    checkRepository(repository, password);
    return run(
        config, repository, password, schedulerSettings, hosts, address, token, jobs, rescan);
  }

  private int run(
      ServiceConfig config,
      RepositorySettings repository,
      char[] password,
      SchedulerSettings schedulerSettings,
      ServiceHosts hosts,
      InetSocketAddress address,
      Optional<String> token,
      List<ServiceJob> jobs,
      Duration rescan)
      throws Exception {
    logAtInfo();
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(new Signal(name), signal -> stop.countDown());
    }
    QuartzServiceScheduler[] holder = new QuartzServiceScheduler[1];
    ServiceMetrics metrics = new ServiceMetrics(() -> holder[0] != null && holder[0].isStarted());
    ServiceJobRunner runner =
        new ServiceJobRunner(
            config,
            repository,
            password,
            hosts,
            () -> holder[0].volumeLocks(),
            metrics::drillFinished);
    List<RunListener> listeners = new ArrayList<>();
    listeners.add(ServiceRunListeners.logging());
    listeners.add(metrics);
    ServiceCatalog catalog = new ServiceCatalog(config, repository, password, hosts, metrics);
    ServiceDrills drills = new ServiceDrills(repository, password);
    listeners.add(catalog);
    RunListener notifications = ServiceRunListeners.notifications(config.notifications());
    if (notifications != null) {
      listeners.add(notifications);
    }
    try (catalog;
        drills;
        QuartzServiceScheduler scheduler =
            scheduler(config, schedulerSettings, runner, listeners)) {
      holder[0] = scheduler;
      catalog.start(rescan);
      try (ServiceHttpServer server =
          ServiceHttpServer.start(
              new ServerSettings(address, token, 4),
              scheduler,
              metrics,
              catalog,
              catalog,
              new ServicePolicies(config),
              drills)) {
        ServiceDrillHistory.loadInBackground(config, drills, metrics);
        ServiceScratchCleanup.run(config, hosts);
        scheduler.start(jobs);
        log.info(
            "scheduler instance {} ({} store)",
            scheduler.instanceId(),
            schedulerSettings.store().name().toLowerCase(java.util.Locale.ROOT));
        out()
            .println(
                "volback serve: listening on "
                    + server.address().getHostString()
                    + ":"
                    + server.address().getPort()
                    + ", "
                    + jobs.size()
                    + " jobs scheduled");
        out().flush();
        List<ServiceJob> current = jobs;
        while (!stop.await(rescan.toMillis(), TimeUnit.MILLISECONDS)) {
          current = rescan(config, hosts, scheduler, current);
        }
        log.info(
            "stopping: waiting up to {} for running jobs", config.scheduler().shutdownTimeout());
        scheduler.shutdown(config.scheduler().shutdownTimeout());
        server.stop(Duration.ofSeconds(2));
      }
    }
    log.info("stopped");
    return ExitCode.OK;
  }

  /** The scheduler; a PostgreSQL store it cannot use is one error naming the database. */
  private static QuartzServiceScheduler scheduler(
      ServiceConfig config,
      SchedulerSettings settings,
      ServiceJobRunner runner,
      List<RunListener> listeners)
      throws Exception {
    try {
      return new QuartzServiceScheduler(settings, runner, listeners);
    } catch (Exception e) {
      if (settings.store() != SchedulerSettings.Store.POSTGRESQL) {
        throw e;
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String url = config.scheduler().postgresql().url();
      int query = url.indexOf('?');
      throw new IOException(
          "the scheduler's PostgreSQL (scheduler.postgresql "
              + (query < 0 ? url : url.substring(0, query))
              + ") cannot be used: "
              + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()),
          e);
    }
  }

  /** Looks for volumes whose labels gave them, or took away, a schedule of their own. */
  private List<ServiceJob> rescan(
      ServiceConfig config,
      ServiceHosts hosts,
      QuartzServiceScheduler scheduler,
      List<ServiceJob> current) {
    try {
      List<String> problems = new ArrayList<>();
      List<String> conflicts = new ArrayList<>();
      List<ServiceJob> jobs = ServiceJobs.of(config, scan(config, hosts, problems, conflicts));
      problems.forEach(p -> log.warn("{}", p));
      conflicts.forEach(c -> log.warn("{}", c));
      if (!jobs.equals(current)) {
        log.info("volume labels changed: {} jobs now", jobs.size());
        scheduler.reschedule(jobs);
      }
      return jobs;
    } catch (Exception e) {
      log.warn("rescanning the Docker hosts failed: {}", ErrorReporter.message(e));
      return current;
    }
  }

  private ServiceConfig load() throws ConfigException {
    ZoneId zone = ZoneId.systemDefault();
    ServiceConfig config =
        configFile == null
            ? ServiceConfig.zeroConfig(null, null, null, zone)
            : ConfigLoader.load(configFile, zone);
    return listen == null ? config : config.withListen(listen);
  }

  private static Duration duration(String option, String text) {
    try {
      return io.volback.config.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  private int configErrors(List<String> problems) {
    for (String problem : problems) {
      err().println("volback: error: " + problem);
    }
    err().flush();
    return ExitCode.USAGE;
  }

  /** The command line's or the environment's password, else the config file's. */
  private char[] password(ServiceConfig config) {
    Passwords passwords = new Passwords(root.passwordOptions(), System.getenv(), System.in);
    if (!passwords.given() && config.repository().password() != null) {
      return SecretRefs.read(config.repository().password(), "the repository password")
          .toCharArray();
    }
    return passwords.resolve(false);
  }

  private SchedulerSettings schedulerSettings(ServiceConfig config) {
    SchedulerConfig s = config.scheduler();
    Path dir = stateDir != null ? stateDir : config.stateDir();
    SchedulerSettings base;
    if (s.store() == SchedulerConfig.Store.POSTGRESQL) {
      SchedulerConfig.Postgresql pg = s.postgresql();
      String pgPassword =
          pg.password() == null
              ? null
              : SecretRefs.read(pg.password(), "the PostgreSQL password").strip();
      base = SchedulerSettings.postgresql(pg.url(), pg.user(), pgPassword);
    } else {
      base = SchedulerSettings.memory(dir);
    }
    return base.withInstanceId(s.instanceId())
        .withThreads(Math.max(4, s.maxConcurrentPerHost() + 2), s.maxConcurrentPerHost())
        .withRetries(s.retries(), s.retryBackoff());
  }

  /**
   * The protected volumes of each host that answers; a host that does not is a warning (its backups
   * fail and are retried until it does). Malformed labels go to problems, volumes that several
   * policies select to conflicts.
   */
  private static Map<String, List<ProtectedVolume>> scan(
      ServiceConfig config, ServiceHosts hosts, List<String> problems, List<String> conflicts) {
    ServiceScan.Scan scan = new ServiceScan(config, hosts).all();
    Map<String, List<ProtectedVolume>> result = new LinkedHashMap<>();
    for (ServiceScan.HostScan host : scan.reached()) {
      ServicePlan.Plan plan = host.plan();
      result.put(host.host().name(), plan.volumes());
      problems.addAll(plan.problems());
      problems.addAll(DrillPlan.of(plan.volumes(), config.zone()).problems());
      conflicts.addAll(plan.conflicts());
    }
    scan.unreachable()
        .forEach(
            (host, why) ->
                log.warn(
                    "Docker host {} does not answer ({}); its backups are tried at their times",
                    host,
                    why));
    return result;
  }

  private static void checkRepository(RepositorySettings repository, char[] password)
      throws IOException {
    try (Repository repo = Repositories.open(repository, password, Repository.Preload.NOTHING)) {
      log.debug("repository {} opened", repo.store().location());
    } catch (RepositoryNotFoundException | WrongPasswordException e) {
      throw e;
    } catch (IOException e) {
      log.warn(
          "the repository does not answer ({}); backups are tried at their times", e.getMessage());
    }
  }

  /** The service reports each run on its log, so volback's loggers say INFO unless told. */
  private static void logAtInfo() {
    if (System.getenv("VOLBACK_LOG_LEVEL") == null) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.volback")).setLevel(Level.INFO);
    }
  }
}
