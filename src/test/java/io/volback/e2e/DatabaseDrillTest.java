package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.app.ProbeResult;
import io.volback.app.ProbeSpec;
import io.volback.docker.DockerHost;
import io.volback.docker.LocalMountpoint;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import io.volback.testsupport.TestPostgresImage;
import io.volback.testsupport.VolbackProcess;
import io.volback.wiring.DockerVolumeHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real database's drill: a PostgreSQL 15 data directory made in a container of TestPostgresImage
 * on engine A, backed up, restored onto engine B by `volback drill` and probed by starting
 * PostgreSQL on the restored directory and querying it.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DatabaseDrillTest {
  private static final int ROWS = 1234;
  private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);
  // A data directory copied from a running server, or left by an earlier probe that was not
  // stopped, holds a stale postmaster.pid; in a new container its PID may be a live process
  // there, and PostgreSQL then refuses to start (pg_ctl -w is fooled by the file and says
  // "server started"). A probe of a restored copy removes it first.
  private static final String START =
      "rm -f /data/pgdata/postmaster.pid && pg_ctl -D /data/pgdata -w -t 60"
          + " -o \"-c listen_addresses=''\" -l /tmp/pg.log start";
  private static final String COUNT =
      START + " && psql -U postgres -Atc 'select count(*) from drilled' | grep -x " + ROWS;
  private static final String WRONG_QUERY =
      START + " && psql -U postgres -Atc 'select count(*) from no_such_table'";

  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  @Test
  void aProbeStartsPostgresOnTheVolumeAndRunsAQuery() throws Exception {
    DockerVolumeHost hostA = new DockerVolumeHost(a, LocalMountpoint.direct());
    String volume = databaseVolume(hostA);

    ProbeResult counted = hostA.runProbe(volume, probe(COUNT));
    assertThat(counted.passed()).as(counted.outputTail()).isTrue();
    assertThat(counted.outputTail()).contains(String.valueOf(ROWS));

    ProbeResult failed = hostA.runProbe(volume, probe(WRONG_QUERY));
    assertThat(failed.exitCode()).as(failed.outputTail()).isNotNull().isNotZero();
    assertThat(failed.outputTail()).contains("no_such_table");
  }

  @Test
  void aDrillOfAPostgresVolumeOnTheOtherEnginePassesItsQueryProbeAndFailsAWrongOne()
      throws Exception {
    DockerVolumeHost hostA = new DockerVolumeHost(a, LocalMountpoint.direct());
    String volume = databaseVolume(hostA);
    String image = TestPostgresImage.on(b);
    String[] globals = {
      "-r",
      tmp.resolve("repo").toString(),
      "--password-file",
      Cli.passwordFile(tmp, "pw").toString(),
      "-H",
      a.address()
    };
    ok(VolbackProcess.run(Map.of(), concat(globals, "init")));
    ok(VolbackProcess.run(Map.of(), concat(globals, "backup", volume)));

    Cli.Result passed = VolbackProcess.run(Map.of(), drill(globals, volume, image, COUNT));
    assertThat(passed.exitCode()).as(passed.toString()).isZero();
    JsonNode probe = probeOf(passed.out());
    assertThat(probe.path("exit_code").asInt(-1)).as(passed.out()).isZero();
    assertThat(probe.path("timed_out").asBoolean(true)).isFalse();
    assertThat(probe.path("output_tail").asText()).contains(String.valueOf(ROWS));

    Cli.Result failed = VolbackProcess.run(Map.of(), drill(globals, volume, image, WRONG_QUERY));
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    JsonNode failedProbe = probeOf(failed.out());
    assertThat(failedProbe.path("exit_code").asInt(0)).as(failed.out()).isNotZero();
    assertThat(failedProbe.path("output_tail").asText()).contains("no_such_table");
    assertThat(failed.err()).doesNotContain("Exception");
  }

  /**
   * A volume on hostA holding a PostgreSQL data directory (pgdata, owned by the image's postgres
   * user, mode 0700) with a table of ROWS rows, shut down cleanly.
   */
  private String databaseVolume(DockerVolumeHost hostA) throws IOException {
    String volume = TestDocker.createVolume(a, "pg");
    ProbeResult owned =
        hostA.runProbe(
            volume,
            new ProbeSpec(
                TestImages.busybox(a),
                "mkdir /data/pgdata && chown "
                    + TestPostgresImage.UID
                    + ":"
                    + TestPostgresImage.UID
                    + " /data/pgdata && chmod 700 /data/pgdata",
                "/data",
                PROBE_TIMEOUT));
    assertThat(owned.passed()).as(owned.outputTail()).isTrue();
    ProbeResult made =
        hostA.runProbe(
            volume,
            probe(
                "initdb -D /data/pgdata -U postgres --auth=trust -E UTF8 --locale=C"
                    + " && "
                    + START
                    + " && psql -U postgres -v ON_ERROR_STOP=1"
                    + " -c 'create table drilled (id int primary key, note text)'"
                    + " -c \"insert into drilled select i, 'row ' || i from generate_series(1, "
                    + ROWS
                    + ") i\""
                    + " && pg_ctl -D /data/pgdata -m fast -w stop"));
    assertThat(made.passed()).as(made.outputTail()).isTrue();
    return volume;
  }

  private ProbeSpec probe(String command) {
    return new ProbeSpec(TestPostgresImage.on(a), command, "/data", PROBE_TIMEOUT);
  }

  private String[] drill(String[] globals, String volume, String image, String command) {
    return concat(
        globals,
        "--json",
        "drill",
        "--volume",
        volume,
        "--on",
        b.address(),
        "--probe-image",
        image,
        "--probe-command",
        command,
        "--probe-mount",
        "/data",
        "--probe-timeout",
        "2m");
  }

  /** The "probe" object of the "drill" line of the drill's JSON lines. */
  private static JsonNode probeOf(String out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        JsonNode message = json.readTree(line);
        if (message.path("message_type").asText().equals("drill")) {
          return message.path("probe");
        }
      }
    }
    throw new AssertionError("no drill line in the drill's JSON output:\n" + out);
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
