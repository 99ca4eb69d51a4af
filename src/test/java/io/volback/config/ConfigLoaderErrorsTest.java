package io.volback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each kind of bad config file gives one clear line naming file:line:column and the key. */
@Timeout(30)
class ConfigLoaderErrorsTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  static List<String> problems(String yaml) {
    try {
      ConfigLoader.parse(yaml, Path.of("volback.yml"), UTC);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }

  static ServiceConfig load(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, Path.of("volback.yml"), UTC);
  }

  @Test
  void invalidCronNamesFileLineColumnAndKey() {
    List<String> p =
        problems(
            """
            policies:
              - name: db
                schedule: "0 0 3 * *"
            """);
    assertThat(p).hasSize(1);
    assertThat(p.get(0))
        .startsWith("volback.yml:3:15: policies[0].schedule: invalid cron expression '0 0 3 * *'");
  }

  @Test
  void unknownKeySuggestsTheNearestKnownOne() {
    List<String> p =
        problems(
            """
            policies:
              - name: db
                shedule: "0 0 3 * * ?"
            """);
    assertThat(p)
        .contains(
            "volback.yml:3:5: policies[0].shedule: unknown key (did you mean 'schedule'?)",
            "volback.yml:2:5: policies[0].schedule: missing: a Quartz cron expression such as"
                + " \"0 0 3 * * ?\"");
  }

  @Test
  void unknownTopLevelKeyIsAnError() {
    assertThat(problems("repositry:\n  location: /srv/r\n"))
        .containsExactly("volback.yml:1:1: repositry: unknown key (did you mean 'repository'?)");
  }

  @Test
  void wrongTypesAreReportedWithTheValue() {
    List<String> p =
        problems(
            """
            scheduler:
              retries: many
              max-concurrent-per-host: 0
            policies:
              - name: db
                schedule: "0 0 3 * * ?"
                select: {shared-only: maybe, names: {a: b}}
            """);
    assertThat(p)
        .containsExactlyInAnyOrder(
            "volback.yml:2:12: scheduler.retries: expected a whole number, got 'many'",
            "volback.yml:3:28: scheduler.max-concurrent-per-host: must be at least 1, got 0",
            "volback.yml:7:27: policies[0].select.shared-only: expected true or false, got 'maybe'",
            "volback.yml:7:41: policies[0].select.names: expected a list, got a mapping");
  }

  @Test
  void badTimeZoneAndDurationAreNamed() {
    List<String> p =
        problems(
            """
            policies:
              - name: db
                schedule: "0 0 3 * * ?"
                time-zone: Mars/Olympus
            scheduler:
              retry-backoff: 30 seconds
            """);
    assertThat(p)
        .containsExactly(
            "volback.yml:4:16: policies[0].time-zone: unknown time zone 'Mars/Olympus' (expected a"
                + " region such as Europe/Berlin, or UTC)",
            "volback.yml:6:18: scheduler.retry-backoff: invalid duration '30 seconds' (expected a"
                + " number and a unit: 500ms, 30s, 5m, 1h, 2d)");
  }

  @Test
  void badRetentionIsNamed() {
    List<String> p =
        problems(
            """
            policies:
              - name: a
                schedule: "0 0 3 * * ?"
                retention: {last: 3, dayly: 7, weekly: -2, within: 1w}
              - name: b
                schedule: "0 0 3 * * ?"
                retention: "last=3,within=2w"
            """);
    assertThat(p)
        .containsExactly(
            "volback.yml:4:44: policies[0].retention.weekly: a count of -2 is negative (use -1"
                + " to keep every one)",
            "volback.yml:4:56: policies[0].retention.within: invalid retention duration '1w'"
                + " (restic's form: numbers with y, m, d or h, e.g. 2d, 1y6m, 36h)",
            "volback.yml:4:26: policies[0].retention.dayly: unknown key (did you mean 'daily'?)",
            "volback.yml:7:16: policies[1].retention: invalid retention duration '2w' (restic's"
                + " form: numbers with y, m, d or h, e.g. 2d, 1y6m, 36h)");
  }

  @Test
  void duplicatePolicyAndHostNamesAreErrors() {
    List<String> p =
        problems(
            """
            hosts:
              - {name: a, address: "unix:///var/run/docker.sock"}
              - {name: a, address: "unix:///var/run/docker2.sock"}
            policies:
              - {name: db, schedule: "0 0 3 * * ?", select: {names: [x]}}
              - {name: db, schedule: "0 0 4 * * ?", select: {names: [y]}}
            """);
    assertThat(p)
        .containsExactly(
            "volback.yml:3:12: hosts[1].name: host 'a' is defined twice (first at 2:12)",
            "volback.yml:6:12: policies[1].name: policy 'db' is defined twice (first at 5:12)");
  }

  @Test
  void policyNamingAnUnknownHostIsAnError() {
    List<String> p =
        problems(
            """
            hosts:
              - {name: db-host, address: "tcp://10.0.0.5:2376"}
            policies:
              - {name: db, hosts: [db-hots], schedule: "0 0 3 * * ?"}
            """);
    assertThat(p)
        .containsExactly(
            "volback.yml:4:23: policies[0].hosts: unknown host 'db-hots' (did you mean"
                + " 'db-host'?) (hosts: db-host)");
  }

  @Test
  void twoPoliciesSelectingTheSameVolumeOnOneHostConflict() {
    List<String> p =
        problems(
            """
            policies:
              - {name: all-pg, schedule: "0 0 3 * * ?", select: {names: ["pg-*"]}}
              - {name: main, schedule: "0 0 4 * * ?", select: {names: [pg-main]}}
              - {name: labelled, schedule: "0 0 4 * * ?", select: {names: [pg-x], volume-labels: {a: b}}}
            """);
    assertThat(p)
        .containsExactly(
            "volback.yml:3:51: policies[1].select: volume 'pg-main' on host default is also"
                + " selected by policy 'all-pg'; a volume may belong to one policy only");
  }

  @Test
  void policiesOnDifferentHostsDoNotConflict() throws ConfigException {
    ServiceConfig c =
        load(
            """
            hosts:
              - {name: a, address: "unix:///var/run/docker.sock"}
              - {name: b, address: "unix:///var/run/docker2.sock"}
            policies:
              - {name: on-a, hosts: [a], schedule: "0 0 3 * * ?", select: {names: [data]}}
              - {name: on-b, hosts: [b], schedule: "0 0 3 * * ?", select: {names: [data]}}
            """);
    assertThat(c.policiesFor("a")).extracting(PolicyConfig::name).containsExactly("on-a");
    assertThat(c.policiesSelecting("b", "data", Map.of(), false, List.of()))
        .extracting(PolicyConfig::name)
        .containsExactly("on-b");
    assertThat(c.policiesSelecting("b", "other", Map.of(), false, List.of())).isEmpty();
  }

  @Test
  void postgresqlStoreWithoutUrlIsAnError() {
    assertThat(problems("scheduler:\n  store: postgresql\n"))
        .containsExactly(
            "volback.yml:2:10: scheduler.store: store postgresql needs a postgresql section with"
                + " its url");
    assertThat(problems("scheduler:\n  store: postgresql\n  postgresql: {user: v}\n"))
        .containsExactly(
            "volback.yml:3:15: scheduler.postgresql.url: missing: jdbc:postgresql://HOST:PORT/DATABASE");
  }

  @Test
  void twoPasswordSourcesAreAnError() {
    assertThat(problems("repository:\n  password-file: /run/s\n  password-env: VOLBACK_PASSWORD\n"))
        .containsExactly(
            "volback.yml:3:17: repository.password-env: give only one of password-file and"
                + " password-env");
  }

  @Test
  void inlineSecretsAreRefusedWithoutEchoingThem() {
    assertThat(problems("repository:\n  password: hunter2\nserver:\n  token: t0ps3cret\n"))
        .containsExactly(
            "volback.yml:2:13: repository.password: secrets are never written in the file: use"
                + " password-file, password-env or password-command",
            "volback.yml:4:10: server.token: secrets are never written in the file: use"
                + " token-file, token-env or token-command");
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    List<String> p =
        problems(
            """
            state-dirr: /x
            policies:
              - name: db
                schedule: "nope"
                read-path: disk
            notifications:
              webhook: {url: "ftp://secret-token@x"}
            """);
    assertThat(p).hasSize(4);
    assertThat(String.join("\n", p)).doesNotContain("secret-token");
    assertThat(p.get(3))
        .isEqualTo("volback.yml:1:1: state-dirr: unknown key (did you mean 'state-dir'?)");
  }

  @Test
  void invalidYamlNamesThePosition() {
    List<String> p = problems("policies:\n  - name: [unclosed\n");
    assertThat(p).hasSize(1);
    assertThat(p.get(0)).matches("volback\\.yml:\\d+:\\d+: invalid YAML: .*");
  }

  @Test
  void aliasesSecondDocumentsAndTabsAreNamed() {
    assertThat(problems("policies:\n  - &p {name: a, schedule: \"0 0 3 * * ?\"}\n  - *p\n"))
        .containsExactly(
            "volback.yml:3:5: policies[1]: YAML aliases (*p) are not supported: write it out");
    assertThat(problems("state-dir: /a\n---\nstate-dir: /b\n"))
        .containsExactly(
            "volback.yml:3:1: a second YAML document ('---'): the file holds one document only");
    assertThat(problems("\tstate-dir: /a\n").get(0))
        .startsWith(
            "volback.yml:1:1: invalid YAML: while scanning for the next token: found"
                + " character '\\t(TAB)' that cannot start any token");
  }

  @Test
  void aPolicyThatIsNotAMappingIsOneProblem() {
    assertThat(problems("policies: [nightly]\n"))
        .containsExactly(
            "volback.yml:1:12: policies[0]: expected a mapping (key: value lines), got 'nightly'");
  }

  @Test
  void keyWrittenTwiceIsAnError() {
    assertThat(problems("state-dir: /a\nstate-dir: /b\n"))
        .containsExactly("volback.yml:2:1: state-dir: key written twice (first at 1:1)");
  }

  @Test
  void missingFileIsOneLineNamingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/volback.yml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/nonexistent/volback.yml: no such file");
  }

  @Test
  void emptyFileGivesDefaults() throws ConfigException {
    ServiceConfig c = load("");
    assertThat(c.hosts()).containsExactly(DockerHostConfig.defaultHost(null));
    assertThat(c.policies()).isEmpty();
    assertThat(c.scheduler()).isEqualTo(SchedulerConfig.DEFAULT);
    assertThat(c.server()).isEqualTo(ServerConfig.DEFAULT);
    assertThat(c.zone()).isEqualTo(UTC);
  }
}
