package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** examples/volback.yml loads and means what its comments say, so the example stays valid. */
@Timeout(30)
class ExampleConfigTest {
  static final Path EXAMPLE = Path.of("examples/volback.yml");

  @Test
  void exampleFileLoads() throws ConfigException {
    ServiceConfig c = ConfigLoader.load(EXAMPLE, ZoneId.of("UTC"));
    assertThat(c.source()).isEqualTo(EXAMPLE);
    assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.repository().location()).isEqualTo("s3://backups/volback");
    assertThat(c.repository().password()).isEqualTo(SecretRef.file("/run/secrets/volback"));
    assertThat(c.repository().s3())
        .isEqualTo(new RepositoryConfig.S3("http://127.0.0.1:9000", true, null, false));
    assertThat(c.hosts()).extracting(DockerHostConfig::name).containsExactly("local", "db-host");
    assertThat(c.host("db-host").orElseThrow().tls())
        .isEqualTo(
            new DockerHostConfig.Tls(
                "/etc/volback/db-host/ca.pem",
                "/etc/volback/db-host/cert.pem",
                "/etc/volback/db-host/key.pem"));
    assertThat(c.policiesFor("db-host"))
        .extracting(PolicyConfig::name)
        .containsExactly("databases");
  }

  @Test
  void exampleDrillIsWeeklyOnTheOtherHostWithAProbe() throws ConfigException {
    ServiceConfig c = ConfigLoader.load(EXAMPLE, ZoneId.of("UTC"));
    DrillConfig drill = c.policies().get(0).drill();
    assertThat(drill.schedule())
        .isEqualTo(new CronSchedule("0 0 6 ? * SUN", ZoneId.of("Europe/Berlin")));
    assertThat(drill.on()).isEqualTo("local");
    assertThat(drill.keep()).isFalse();
    assertThat(drill.probe().image()).isEqualTo("postgres:16");
    assertThat(drill.probe().mount()).isEqualTo("/var/lib/postgresql/data");
    assertThat(drill.probe().timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.policies().get(1).drill()).isNull();
  }

  @Test
  void examplePoliciesCarryScheduleRetentionAndHooks() throws ConfigException {
    ServiceConfig c = ConfigLoader.load(EXAMPLE, ZoneId.of("UTC"));
    PolicyConfig db = c.policies().get(0);
    assertThat(db.schedule())
        .isEqualTo(new CronSchedule("0 0 3 * * ?", ZoneId.of("Europe/Berlin")));
    assertThat(db.retention())
        .isEqualTo(
            new RetentionSpec(
                3, 0, 7, 4, 6, 1, "2d", null, null, null, null, null, List.of("keep")));
    assertThat(db.select().names()).containsExactly("pg-*", "mysql");
    assertThat(db.consistency().exec())
        .containsExactly(
            new PolicyConfig.ExecHook(
                "postgres",
                new ContainerHooks(
                    false,
                    "pg_dumpall -U postgres > /var/lib/postgresql/data/dump.sql",
                    null,
                    Duration.ofMinutes(5),
                    OnError.FAIL)));
    PolicyConfig shop = c.policies().get(1);
    assertThat(shop.schedule().zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(shop.retention()).isEqualTo(RetentionSpec.parse("last=24,daily=7"));
    assertThat(shop.consistency().stop()).isTrue();
    assertThat(shop.readPath()).isEqualTo(ReadPath.AUTO);
  }

  @Test
  void exampleServiceSections() throws ConfigException {
    ServiceConfig c = ConfigLoader.load(EXAMPLE, ZoneId.of("UTC"));
    assertThat(c.maintenance().forgetPrune().maxUnused()).isEqualTo("5%");
    assertThat(c.maintenance().check().schedule().expression()).isEqualTo("0 0 5 ? * SUN");
    assertThat(c.maintenance().check().readDataSubset()).isEqualTo("5%");
    assertThat(c.server())
        .isEqualTo(
            new ServerConfig("127.0.0.1:8080", SecretRef.file("/run/secrets/volback-api-token")));
    assertThat(c.notifications().webhook().url())
        .isEqualTo(URI.create("https://hooks.example.com/volback"));
    assertThat(c.notifications().ping().url().getHost()).isEqualTo("hc-ping.com");
    assertThat(c.scheduler()).isEqualTo(SchedulerConfig.DEFAULT);
    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/volback"));
  }

  @Test
  void clusteredSchedulerReadsItsDatabase() throws ConfigException {
    ServiceConfig c =
        ConfigLoader.parse(
            """
            scheduler:
              store: postgresql
              postgresql:
                url: jdbc:postgresql://127.0.0.1:5432/volback
                user: volback
                password-file: /run/secrets/pg
              instance-id: node-1
              retries: 0
              retry-backoff: 1m30s
            """,
            Path.of("cluster.yml"),
            ZoneId.of("UTC"));
    SchedulerConfig s = c.scheduler();
    assertThat(s.store()).isEqualTo(SchedulerConfig.Store.POSTGRESQL);
    assertThat(s.postgresql())
        .isEqualTo(
            new SchedulerConfig.Postgresql(
                "jdbc:postgresql://127.0.0.1:5432/volback",
                "volback",
                SecretRef.file("/run/secrets/pg")));
    assertThat(s.instanceId()).isEqualTo("node-1");
    assertThat(s.retries()).isZero();
    assertThat(s.retryBackoff()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void theExampleInTheDocsIsTheExampleFile() throws Exception {
    String docs = Files.readString(Path.of("docs/configuration.md"));
    String section = docs.substring(docs.indexOf("## Service configuration file"));
    String block = section.substring(section.indexOf("```yaml\n") + 8);
    block = block.substring(0, block.indexOf("```"));
    assertThat(block).isEqualTo(Files.readString(EXAMPLE));
  }
}
