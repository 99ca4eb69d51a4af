package io.volback.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** ServiceReader reads the top level of the config file, one section at a time. */
final class ServiceReader {
  private final MapReader top;
  private final Path source;
  private final ZoneId defaultZone;

  ServiceReader(MapReader top, Path source, ZoneId defaultZone) {
    this.top = top;
    this.source = source;
    this.defaultZone = defaultZone;
  }

  ServiceConfig read() {
    ZoneId zone = top.parsed("time-zone", CronSchedule::zone, defaultZone);
    RepositoryConfig repository = repository(top.map("repository"));
    List<DockerHostConfig> hosts = HostsReader.read(top);
    List<PolicyConfig> policies = new PolicyReader(top, hosts, zone).read();
    MaintenanceConfig maintenance = SectionsReader.maintenance(top.map("maintenance"), zone);
    ServerConfig server = SectionsReader.server(top.map("server"));
    NotificationConfig notifications = SectionsReader.notifications(top.map("notifications"));
    SchedulerConfig scheduler = SectionsReader.scheduler(top.map("scheduler"));
    Path stateDir = top.parsed("state-dir", Path::of, ServiceConfig.DEFAULT_STATE_DIR);
    top.finish();
    return new ServiceConfig(
        source,
        repository,
        hosts,
        policies,
        maintenance,
        server,
        notifications,
        scheduler,
        zone,
        stateDir);
  }

  private static RepositoryConfig repository(MapReader r) {
    String location = r.string("location");
    if (location != null && location.isBlank()) {
      r.problem("location", "is empty");
    }
    SecretRef password = r.secret("password");
    MapReader s3 = r.map("s3");
    RepositoryConfig.S3 s3Settings =
        new RepositoryConfig.S3(
            s3.string("endpoint"),
            s3.has("path-style") ? s3.bool("path-style", false) : null,
            s3.string("ca-cert"),
            s3.bool("insecure-tls", false));
    s3.finish();
    r.finish();
    return new RepositoryConfig(location, password, s3Settings);
  }
}
