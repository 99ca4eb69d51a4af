package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cron schedules, time zones, durations, retention specs and secrets in toString. */
@Timeout(30)
class ValuesTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void cronIsQuartzSecondsFirst() {
    assertThat(CronSchedule.parse(" */5 * * * * ? ", UTC).expression()).isEqualTo("*/5 * * * * ?");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 3 * * *", UTC))
        .hasMessageStartingWith("invalid cron expression '0 0 3 * * *': Support for specifying");
    assertThatThrownBy(() -> CronSchedule.parse("0 3 * * *", UTC))
        .hasMessageContaining("'0 3 * * *'");
  }

  @Test
  void timeZonesAreRegionIds() {
    assertThat(CronSchedule.zone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThatThrownBy(() -> CronSchedule.zone("CEST"))
        .hasMessageStartingWith("unknown time zone 'CEST'");
  }

  @Test
  void durationsHaveUnits() {
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    for (String bad : List.of("30", "", "5 m", "1w", "-5s", "s")) {
      assertThatThrownBy(() -> Durations.parse(bad)).hasMessageStartingWith("invalid duration");
    }
  }

  @Test
  void retentionOneLineForm() {
    RetentionSpec r = RetentionSpec.parse("last=3, within=1y6m, keep-tags=keep, keep-tags=a+b");
    assertThat(r.last()).isEqualTo(3);
    assertThat(r.within()).isEqualTo("1y6m");
    assertThat(r.keepTags()).containsExactly("keep", "a,b");
    assertThat(r.isEmpty()).isFalse();
    assertThat(RetentionSpec.NONE.isEmpty()).isTrue();
    assertThat(RetentionSpec.parse("yearly=-1").yearly()).isEqualTo(-1);
  }

  @Test
  void retentionErrorsNameThePart() {
    assertThatThrownBy(() -> RetentionSpec.parse("last=three"))
        .hasMessage("last=three is not a whole number (a count, or -1 for every one)");
    assertThatThrownBy(() -> RetentionSpec.parse("last"))
        .hasMessage("'last' in 'last' is not RULE=VALUE (e.g. last=3,daily=7,weekly=4)");
    assertThatThrownBy(() -> RetentionSpec.parse("last=1,last=2"))
        .hasMessage("rule 'last' given twice in 'last=1,last=2'");
    assertThatThrownBy(() -> RetentionSpec.parse("daily=-2"))
        .hasMessage("a count of -2 is negative (use -1 to keep every one)");
    assertThatThrownBy(() -> RetentionSpec.parse("within-daily=7x"))
        .hasMessageStartingWith("invalid retention duration '7x'");
  }

  @Test
  void secretsAreNotInToString() {
    assertThat(SecretRef.command("echo hunter2").toString())
        .doesNotContain("hunter2")
        .isEqualTo("SecretRef[command (hidden)]");
    RepositoryConfig repo =
        new RepositoryConfig(
            "/srv/r", SecretRef.command("echo hunter2"), RepositoryConfig.S3.DEFAULT);
    assertThat(repo.toString()).doesNotContain("hunter2");
    NotificationConfig n =
        new NotificationConfig(
            new NotificationConfig.Webhook(
                URI.create("https://hooks.slack.com/services/T0/B0/SECRETXYZ"),
                false,
                Duration.ofSeconds(10)),
            new NotificationConfig.Ping(
                URI.create("https://hc-ping.com/uuid-secret"), Duration.ofSeconds(10)));
    assertThat(n.toString())
        .doesNotContain("SECRETXYZ")
        .doesNotContain("uuid-secret")
        .contains("https://hooks.slack.com/***");
    SchedulerConfig.Postgresql pg =
        new SchedulerConfig.Postgresql(
            "jdbc:postgresql://db/volback?password=pgsecret", "volback", null);
    assertThat(pg.toString()).doesNotContain("pgsecret");
  }

  @Test
  void zeroConfigTakesTheCliValues() {
    ServiceConfig c =
        ServiceConfig.zeroConfig(
            "/srv/repo", SecretRef.env("VOLBACK_PASSWORD"), "unix:///var/run/docker2.sock", UTC);
    assertThat(c.source()).isNull();
    assertThat(c.repository().location()).isEqualTo("/srv/repo");
    assertThat(c.hosts())
        .containsExactly(DockerHostConfig.defaultHost("unix:///var/run/docker2.sock"));
    assertThat(c.policies()).isEmpty();
    assertThat(c.maintenance()).isEqualTo(MaintenanceConfig.NONE);
    assertThat(c.withListen("0.0.0.0:9090").server().listen()).isEqualTo("0.0.0.0:9090");
    assertThat(c.withRepository("s3://b/p", null).repository().password())
        .isEqualTo(SecretRef.env("VOLBACK_PASSWORD"));
  }
}
