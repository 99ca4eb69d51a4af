package io.volback.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ServiceConfig is everything `volback serve` runs: the repository, the Docker hosts, the policies
 * and the repository-wide jobs, the HTTP server, the notifications and the scheduler. Volumes with
 * a volback.schedule label are protected on that schedule in addition to the policies, with or
 * without a config file.
 *
 * @param source the file it was read from, or null (zero-config)
 * @param repository the repository and its password
 * @param hosts the Docker hosts, each with a unique name (at least one)
 * @param policies the policies, each with a unique name
 * @param maintenance forget+prune and check
 * @param server the HTTP endpoint
 * @param notifications webhook and pings
 * @param scheduler Quartz's settings
 * @param zone the time zone of schedules that name none
 * @param stateDir where the run history is kept with the memory store
 */
public record ServiceConfig(
    Path source,
    RepositoryConfig repository,
    List<DockerHostConfig> hosts,
    List<PolicyConfig> policies,
    MaintenanceConfig maintenance,
    ServerConfig server,
    NotificationConfig notifications,
    SchedulerConfig scheduler,
    ZoneId zone,
    Path stateDir) {

  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/volback");

  public ServiceConfig {
    hosts = List.copyOf(hosts);
    policies = List.copyOf(policies);
  }

  /**
   * The configuration without a file: the repository, password and Docker host the CLI's options
   * and environment give, no policies (volumes with a volback.schedule label are protected), no
   * maintenance jobs, defaults everywhere else.
   *
   * @param repository the repository (-r / VOLBACK_REPOSITORY), or null when not given
   * @param password the password source the CLI found, or null
   * @param hostAddress -H / DOCKER_HOST, or null for the CLI's choice
   * @param zone the service's time zone
   */
  public static ServiceConfig zeroConfig(
      String repository, SecretRef password, String hostAddress, ZoneId zone) {
    return new ServiceConfig(
        null,
        new RepositoryConfig(repository, password, RepositoryConfig.S3.DEFAULT),
        List.of(DockerHostConfig.defaultHost(hostAddress)),
        List.of(),
        MaintenanceConfig.NONE,
        ServerConfig.DEFAULT,
        NotificationConfig.NONE,
        SchedulerConfig.DEFAULT,
        zone,
        DEFAULT_STATE_DIR);
  }

  /** The host named name, if any. */
  public Optional<DockerHostConfig> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** The policies that run on the host named hostName, in file order. */
  public List<PolicyConfig> policiesFor(String hostName) {
    return policies.stream().filter(p -> p.appliesTo(hostName)).toList();
  }

  /**
   * The policies on hostName whose selector takes the volume, in file order. More than one is a
   * conflict the file alone could not show (it depends on labels); the service reports it.
   */
  public List<PolicyConfig> policiesSelecting(
      String hostName,
      String volumeName,
      Map<String, String> labels,
      boolean anonymous,
      List<Map<String, String>> consumersLabels) {
    return policiesFor(hostName).stream()
        .filter(p -> p.select().matches(volumeName, labels, anonymous, consumersLabels))
        .toList();
  }

  /** This configuration with the repository the command line gives (it wins over the file). */
  public ServiceConfig withRepository(String cliLocation, SecretRef cliPassword) {
    return new ServiceConfig(
        source,
        repository.overriddenBy(cliLocation, cliPassword),
        hosts,
        policies,
        maintenance,
        server,
        notifications,
        scheduler,
        zone,
        stateDir);
  }

  /** This configuration with the HTTP address --listen gives. */
  public ServiceConfig withListen(String listen) {
    return new ServiceConfig(
        source,
        repository,
        hosts,
        policies,
        maintenance,
        new ServerConfig(listen, server.token()),
        notifications,
        scheduler,
        zone,
        stateDir);
  }
}
