package io.volback.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.ServeProcess;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestPostgres;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code volback serve} instances (child JVMs) sharing one configuration whose scheduler is
 * clustered on a real PostgreSQL: a policy fires every 2 s on engine A into a folder repository.
 * Each fire runs on exactly one instance, the volume lock is a PostgreSQL advisory lock, both
 * instances show the same history, and after kill -9 of one the other keeps the schedule.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSTANCE = Pattern.compile("scheduler instance (\\S+) \\(");
  private static final String JOB = "backup/clustered/engine-a";

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private TestPostgres db;
  private String repo;
  private Path password;
  private final List<ServeProcess> started = new ArrayList<>();

  @BeforeEach
  void repositoryAndDatabase() throws Exception {
    db = TestPostgres.createDatabase("volback_serve_cluster");
    repo = tmp.resolve("repo").toString();
    password = Cli.passwordFile(tmp, "pw");
    Cli.Result init = VolbackProcess.run(Map.of(), "-r", repo, "-p", password.toString(), "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (ServeProcess serve : started) {
      serve.close();
    }
    TestDocker.removeAll(a);
    db.close();
  }

  private Path config(String selectLabel) throws Exception {
    return config(selectLabel, TestPostgres.password());
  }

  private Path config(String selectLabel, String databasePassword) throws Exception {
    Path pgPassword = tmp.resolve("pg-password");
    Files.writeString(pgPassword, databasePassword + "\n");
    String yaml =
        String.join(
            "\n",
            "repository:",
            "  location: " + repo,
            "  password-file: " + password,
            "hosts:",
            "  - name: engine-a",
            "    address: " + DockerEngines.addressA(),
            "policies:",
            "  - name: clustered",
            "    select:",
            "      volume-labels: {volback-test-policy: \"" + selectLabel + "\"}",
            "    schedule: \"*/2 * * * * ?\"",
            "scheduler:",
            "  store: postgresql",
            "  postgresql:",
            "    url: \"" + db.url() + "\"",
            "    user: " + TestPostgres.user(),
            "    password-file: " + pgPassword,
            "  retries: 0",
            "");
    Path file = tmp.resolve("volback.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private ServeProcess serve(Path config, String name) throws Exception {
    ServeProcess serve =
        startDespiteForeignLabels(
            tmp.resolve("logs-" + name),
            Map.of(),
            ServiceSetup.configArgs(config, tmp.resolve("state-" + name)));
    started.add(serve);
    return serve;
  }

  /**
   * Starts serve, again while it refuses to start over a malformed volback.* label of a volume some
   * other test made on the shared engine (serve validates every volume's labels at start): those
   * volumes live for a few seconds only. Bounded to 40 s.
   */
  static ServeProcess startDespiteForeignLabels(Path logs, Map<String, String> env, String... args)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(40);
    while (true) {
      try {
        return ServeProcess.start(logs, env, args);
      } catch (IllegalStateException e) {
        if (Instant.now().isAfter(deadline)
            || !e.getMessage().contains("exited with 2")
            || !e.getMessage().contains(": label volback.")) {
          throw e;
        }
        Thread.sleep(2000);
      }
    }
  }

  @Test
  void twoInstancesRunEachFireOnceShareTheHistoryAndTheSurvivorKeepsTheScheduleAfterKill9()
      throws Exception {
    String selectLabel = UUID.randomUUID().toString();
    String volume =
        TestDocker.createVolume(a, "cluster", Map.of(), Map.of("volback-test-policy", selectLabel));
    Files.writeString(
        Path.of("/var/lib/docker/volumes", volume, "_data", "data.txt"), "clustered data\n");
    Path config = config(selectLabel);
    ServeProcess one = serve(config, "one");
    ServeProcess two = serve(config, "two");
    String idOne = instanceId(one);
    String idTwo = instanceId(two);
    assertThat(idOne).isNotEqualTo(idTwo);

    // Over 10+ fire times with both instances up, every fire ran on one of them only.
    awaitRecords(one, volume, 11, Duration.ofSeconds(60));
    List<JsonNode> both = records(one, volume);
    assertThat(both).allSatisfy(r -> assertThat(r.path("outcome").asText()).isEqualTo("succeeded"));
    assertOneRecordPerFire(both);
    assertThat(both)
        .extracting(r -> r.path("instance").asText())
        .allSatisfy(i -> assertThat(i).isIn(idOne, idTwo));

    // The volume lock is PostgreSQL's advisory lock: held from here, both instances skip.
    try (Connection held = db.connect()) {
      assertThat(advisoryLock(held, "engine-a/" + volume)).isTrue();
      JsonNode skipped = awaitOutcome(one, volume, "skipped", Duration.ofSeconds(20));
      assertThat(skipped.path("error").asText())
          .isEqualTo("another run is backing up volume " + volume);
    }
    awaitNewSuccess(one, volume, Instant.now(), Duration.ofSeconds(20));

    // Both instances answer the same history (what ended before a moment both have passed).
    Instant cut = Instant.now().minusSeconds(3);
    assertThat(endedBefore(one, cut)).isEqualTo(endedBefore(two, cut)).isNotEmpty();

    // kill -9 the instance that ran the latest fire; the other keeps the schedule.
    JsonNode latest = awaitNewSuccess(one, volume, Instant.now(), Duration.ofSeconds(20));
    boolean oneRanIt = latest.path("instance").asText().equals(idOne);
    ServeProcess victim = oneRanIt ? one : two;
    ServeProcess survivor = oneRanIt ? two : one;
    String survivorId = oneRanIt ? idTwo : idOne;
    victim.process().destroyForcibly();
    assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    Instant killed = Instant.now();
    awaitRecordsAfter(survivor, volume, killed, 3, Duration.ofSeconds(60));
    List<JsonNode> after =
        records(survivor, volume).stream()
            .filter(r -> Instant.parse(r.path("start").asText()).isAfter(killed))
            .toList();
    assertThat(after)
        .allSatisfy(
            r -> {
              assertThat(r.path("instance").asText()).isEqualTo(survivorId);
              assertThat(r.path("outcome").asText()).isEqualTo("succeeded");
            });
    assertThat(survivor.terminate(Duration.ofSeconds(60))).isZero();

    // Every successful record is one snapshot in the repository. A run cut short by the kill may
    // have saved its snapshot before it could write its record: at most one more snapshot.
    List<JsonNode> all = historyTable(volume);
    long succeeded =
        all.stream().filter(r -> r.path("outcome").asText().equals("SUCCEEDED")).count();
    Cli.Result snapshots =
        VolbackProcess.run(Map.of(), "-r", repo, "-p", password.toString(), "--json", "snapshots");
    assertThat(snapshots.exitCode()).as(snapshots.err()).isZero();
    long snapshotCount =
        JSON.readTree(snapshots.out()).findValuesAsText("name").stream()
            .filter(volume::equals)
            .count();
    assertThat(snapshotCount).isBetween(succeeded, succeeded + 1);
    assertThat(all.stream().map(r -> r.path("snapshot_id").asText()).filter(s -> !s.isEmpty()))
        .doesNotHaveDuplicates();
  }

  @Test
  void aPostgresqlTheSchedulerCannotUseIsOneErrorNamingItAndNothingStarts() throws Exception {
    Path config = config("none", "not-the-password");
    Cli.Result r =
        VolbackProcess.run(Map.of(), ServiceSetup.configArgs(config, tmp.resolve("state")));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("listening");
    assertThat(r.err().strip().lines())
        .as(r.err())
        .containsExactly(
            "volback: error: the scheduler's PostgreSQL (scheduler.postgresql "
                + db.url()
                + ") cannot be used: FATAL: password authentication failed for user \""
                + TestPostgres.user()
                + "\"");
    assertThat(r.err()).doesNotContain("not-the-password");
  }

  /**
   * Each record names the fire it ran for: no fire has two records, and none of the fires from the
   * first to the last recorded one (every 2 s) is missing.
   */
  private static void assertOneRecordPerFire(List<JsonNode> records) {
    Map<Instant, List<String>> byFire = new TreeMap<>();
    for (JsonNode r : records) {
      assertThat(r.path("scheduled").isTextual()).as(r.toString()).isTrue();
      byFire
          .computeIfAbsent(Instant.parse(r.path("scheduled").asText()), f -> new ArrayList<>())
          .add(r.path("instance").asText() + "@" + r.path("start").asText());
    }
    assertThat(byFire.values())
        .as("records per fire time")
        .allSatisfy(runs -> assertThat(runs).hasSize(1));
    List<Instant> fires = new ArrayList<>(byFire.keySet());
    for (int i = 1; i < fires.size(); i++) {
      assertThat(Duration.between(fires.get(i - 1), fires.get(i)))
          .as("fires in the history: %s", fires)
          .isEqualTo(Duration.ofSeconds(2));
    }
  }

  private static boolean advisoryLock(Connection c, String key) throws Exception {
    try (PreparedStatement st =
        c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
      st.setString(1, "volback-volume:" + key);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String instanceId(ServeProcess serve) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = INSTANCE.matcher(serve.stderr());
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve logged no instance id:\n" + serve.stderr());
  }

  /** The backup records of volume, newest first. */
  static List<JsonNode> records(ServeProcess serve, String volume) throws Exception {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode r : JSON.readTree(serve.get("/api/v1/runs?limit=500").body())) {
      if (volume.equals(r.path("volume").asText())) {
        result.add(r);
      }
    }
    return result;
  }

  private static List<String> endedBefore(ServeProcess serve, Instant cut) throws Exception {
    List<String> result = new ArrayList<>();
    for (JsonNode r : JSON.readTree(serve.get("/api/v1/runs?limit=500").body())) {
      if (Instant.parse(r.path("end").asText()).isBefore(cut)) {
        result.add(r.toString());
      }
    }
    return result;
  }

  private static void awaitRecords(ServeProcess serve, String volume, int count, Duration limit)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (records(serve, volume).size() < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "fewer than " + count + " runs within " + limit + ":\n" + serve.stderr());
      }
      Thread.sleep(250);
    }
  }

  private static void awaitRecordsAfter(
      ServeProcess serve, String volume, Instant after, int count, Duration limit)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (records(serve, volume).stream()
            .filter(r -> Instant.parse(r.path("start").asText()).isAfter(after))
            .count()
        < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "fewer than " + count + " runs after " + after + ":\n" + serve.stderr());
      }
      Thread.sleep(250);
    }
  }

  private static JsonNode awaitOutcome(
      ServeProcess serve, String volume, String outcome, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode r : records(serve, volume)) {
        if (outcome.equals(r.path("outcome").asText())) {
          return r;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no " + outcome + " run within " + limit + ":\n" + serve.stderr());
  }

  private static JsonNode awaitNewSuccess(
      ServeProcess serve, String volume, Instant after, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode r : records(serve, volume)) {
        if ("succeeded".equals(r.path("outcome").asText())
            && Instant.parse(r.path("start").asText()).isAfter(after)) {
          return r;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no new successful run within " + limit + ":\n" + serve.stderr());
  }

  /** The history table itself, for the records of volume: outcome and snapshot id. */
  private List<JsonNode> historyTable(String volume) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT outcome, snapshot_id FROM volback_run_history WHERE volume = ?")) {
      st.setString(1, volume);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Map<String, String> row = new HashMap<>();
          row.put("outcome", rs.getString(1));
          row.put("snapshot_id", rs.getString(2) == null ? "" : rs.getString(2));
          rows.add(JSON.valueToTree(row));
        }
      }
    }
    return rows.stream().collect(Collectors.toList());
  }
}
