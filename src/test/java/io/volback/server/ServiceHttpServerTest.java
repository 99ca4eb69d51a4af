package io.volback.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.volback.repo.drill.DrillRecord;
import io.volback.schedule.JobKind;
import io.volback.schedule.RunOutcome;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import io.volback.server.VolumeCatalog.VolumeStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real HTTP server on a free loopback port, asked by a real HTTP client. */
@Timeout(60)
class ServiceHttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cr3t-token-for-tests";
  private static final ServiceJob BACKUP_JOB =
      new ServiceJob(
          "backup/db/host-a", JobKind.BACKUP, "db", "host-a", "0 0 3 * * ?", ZoneId.of("UTC"));
  private static final ServiceJob CHECK_JOB =
      new ServiceJob(
          "check", JobKind.CHECK, null, null, "0 0 4 ? * SUN", ZoneId.of("Europe/Paris"));
  private static final String SNAPSHOT =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private final RecordingScheduler scheduler = new RecordingScheduler();
  private final ServiceMetrics metrics = new ServiceMetrics(scheduler::isStarted);
  private final AtomicReference<Optional<String>> repositoryProblem =
      new AtomicReference<>(Optional.empty());
  private final List<VolumeStatus> volumes = new ArrayList<>();
  private final List<PolicyCatalog.PolicyInfo> policies = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ServiceHttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
  }

  @Test
  void serverListensOnAFreeLoopbackPortAndStopsAnswering() throws Exception {
    start(ServerSettings.readOnly(new InetSocketAddress("127.0.0.1", 0)));
    assertThat(server.address().getPort()).isPositive();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();

    server.stop(Duration.ofSeconds(1));

    assertThatThrownBy(() -> get("/healthz")).isInstanceOf(ConnectException.class);
    server = null;
  }

  @Test
  void stopLetsARequestInProgressFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        ServiceHttpServer.start(
            ServerSettings.readOnly(new InetSocketAddress("127.0.0.1", 0)),
            scheduler,
            metrics,
            ReadinessProbe.alwaysReady(),
            () -> {
              entered.countDown();
              Thread.sleep(700);
              return List.of(new VolumeStatus("slow", "host-a", null, null));
            });
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            HttpRequest.newBuilder(uri("/api/v1/volumes")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    server.stop(Duration.ofSeconds(5));

    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get(0).get("volume").asText()).isEqualTo("slow");
    server = null;
  }

  @Test
  void healthzAnswersOkEvenBeforeTheSchedulerStarts() throws Exception {
    startReadOnly();

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
  }

  @Test
  void readyzIs503UntilTheSchedulerStartsThen200() throws Exception {
    startReadOnly();

    HttpResponse<String> before = get("/readyz");
    scheduler.start(List.of(BACKUP_JOB));
    HttpResponse<String> after = get("/readyz");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(json(before))
        .isEqualTo(
            JSON.readTree(
                "{\"status\":\"not_ready\",\"reason\":\"the scheduler is not started\"}"));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(json(after)).isEqualTo(JSON.readTree("{\"status\":\"ready\"}"));
  }

  @Test
  void readyzIs503WithTheReasonWhileTheRepositoryIsUnreachable() throws Exception {
    startReadOnly();
    scheduler.start(List.of(BACKUP_JOB));
    repositoryProblem.set(Optional.of("repository s3:http://127.0.0.1:1/bucket is unreachable"));

    HttpResponse<String> response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("reason").asText())
        .isEqualTo("repository s3:http://127.0.0.1:1/bucket is unreachable");
  }

  @Test
  void metricsParseAsPrometheusTextAndTheLastSuccessMovesAfterARun() throws Exception {
    startReadOnly();
    scheduler.start(List.of(BACKUP_JOB));
    Instant firstEnd = Instant.parse("2026-11-30T03:00:05.250Z");
    Instant secondEnd = Instant.parse("2026-12-01T03:00:07.500Z");
    metrics.runFinished(BACKUP_JOB, backup("pgdata", RunOutcome.SUCCEEDED, firstEnd, 1000, 100));
    List<PrometheusText.Sample> first = PrometheusText.parse(get("/metrics").body());

    metrics.runFinished(BACKUP_JOB, backup("pgdata", RunOutcome.FAILED, secondEnd, 10, 0));
    metrics.runFinished(BACKUP_JOB, backup("pgdata", RunOutcome.SUCCEEDED, secondEnd, 2000, 300));
    metrics.setSnapshotCount("pgdata", "host-a", 7);
    HttpResponse<String> response = get("/metrics");
    List<PrometheusText.Sample> second = PrometheusText.parse(response.body());

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    String lastSuccess = "volback_backup_last_successful_timestamp_seconds";
    assertThat(PrometheusText.value(first, lastSuccess, "pgdata"))
        .isEqualTo(firstEnd.toEpochMilli() / 1000.0);
    assertThat(PrometheusText.value(second, lastSuccess, "pgdata"))
        .isEqualTo(secondEnd.toEpochMilli() / 1000.0);
    assertThat(PrometheusText.value(second, "volback_backup_success_total", "pgdata")).isEqualTo(2);
    assertThat(PrometheusText.value(second, "volback_backup_failures_total", "pgdata"))
        .isEqualTo(1);
    assertThat(PrometheusText.value(second, "volback_backup_bytes_read", "pgdata")).isEqualTo(2000);
    assertThat(PrometheusText.value(second, "volback_backup_bytes_added", "pgdata")).isEqualTo(300);
    assertThat(PrometheusText.value(second, "volback_backup_last_duration_seconds", "pgdata"))
        .isEqualTo(5);
    assertThat(PrometheusText.value(second, "volback_snapshots", "pgdata")).isEqualTo(7);
    assertThat(PrometheusText.value(second, "volback_scheduler_started", null)).isEqualTo(1);
  }

  @Test
  void theExampleAlertRulesUseOnlyMetricsTheServiceExports() throws Exception {
    startReadOnly();
    scheduler.start(List.of(BACKUP_JOB));
    Instant end = Instant.parse("2026-11-30T04:00:10Z");
    metrics.runFinished(BACKUP_JOB, backup("pgdata", RunOutcome.SUCCEEDED, end, 1000, 100));
    metrics.runFinished(BACKUP_JOB, backup("pgdata", RunOutcome.PARTIAL, end, 1000, 100));
    metrics.runFinished(BACKUP_JOB, backup("pgdata", RunOutcome.FAILED, end, 10, 0));
    metrics.setSnapshotCount("pgdata", "host-a", 2);
    ServiceJob prune =
        new ServiceJob("forget-prune", JobKind.FORGET_PRUNE, null, null, "0 0 5 * * ?", utc());
    metrics.runFinished(
        prune, repositoryRun("forget-prune", JobKind.FORGET_PRUNE, RunOutcome.FAILED, end));
    metrics.runFinished(
        CHECK_JOB, repositoryRun("check", JobKind.CHECK, RunOutcome.SUCCEEDED, end));
    metrics.drillFinished("host-b", DRILL);
    Set<String> exported = new TreeSet<>();
    PrometheusText.parse(get("/metrics").body()).forEach(sample -> exported.add(sample.name()));

    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("examples/prometheus/volback-alerts.yml").toFile());
    Set<String> named = new TreeSet<>();
    for (JsonNode rule : rules.get("groups").get(0).get("rules")) {
      Matcher metric = Pattern.compile("volback_[a-z_]+").matcher(rule.get("expr").asText());
      while (metric.find()) {
        named.add(metric.group());
      }
    }

    assertThat(named).hasSizeGreaterThanOrEqualTo(9);
    assertThat(exported).containsAll(named);
  }

  @Test
  void metricsShowForgetPruneAndCheckSuccessesAndFailures() throws Exception {
    startReadOnly();
    Instant end = Instant.parse("2026-11-30T04:00:10Z");
    ServiceJob prune =
        new ServiceJob("forget-prune", JobKind.FORGET_PRUNE, null, null, "0 0 5 * * ?", utc());
    metrics.runFinished(
        prune, repositoryRun("forget-prune", JobKind.FORGET_PRUNE, RunOutcome.SUCCEEDED, end));
    metrics.runFinished(CHECK_JOB, repositoryRun("check", JobKind.CHECK, RunOutcome.FAILED, end));

    List<PrometheusText.Sample> samples = PrometheusText.parse(get("/metrics").body());

    assertThat(
            PrometheusText.value(
                samples, "volback_forget_prune_last_successful_timestamp_seconds", null))
        .isEqualTo(end.getEpochSecond());
    assertThat(PrometheusText.value(samples, "volback_forget_prune_failures_total", null))
        .isEqualTo(0);
    assertThat(PrometheusText.value(samples, "volback_check_failures_total", null)).isEqualTo(1);
    assertThat(
            PrometheusText.value(samples, "volback_check_last_successful_timestamp_seconds", null))
        .isEqualTo(0);
    assertThat(PrometheusText.value(samples, "volback_scheduler_started", null)).isEqualTo(0);
  }

  @Test
  void jobsListEachJobWithItsScheduleAndNextFireTime() throws Exception {
    startReadOnly();
    ServiceJob labelJob =
        new ServiceJob(
            "volume/host-a/www", JobKind.BACKUP, null, "host-a", "www", "*/5 * * * * ?", utc());
    scheduler.start(List.of(BACKUP_JOB, CHECK_JOB, labelJob));
    scheduler.nextFires.put(BACKUP_JOB.id(), Instant.parse("2026-12-01T03:00:00Z"));

    HttpResponse<String> response = get("/api/v1/jobs");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                """
                [{"id":"backup/db/host-a","kind":"backup","policy":"db","docker_host":"host-a",
                  "cron":"0 0 3 * * ?","zone":"UTC","next_fire_time":"2026-12-01T03:00:00Z"},
                 {"id":"check","kind":"check","cron":"0 0 4 ? * SUN","zone":"Europe/Paris"},
                 {"id":"volume/host-a/www","kind":"backup","docker_host":"host-a","volume":"www",
                  "cron":"*/5 * * * * ?","zone":"UTC"}]
                """));
  }

  @Test
  void policiesListEachPolicyWithItsBackupJobsAndTheirNextFireTimes() throws Exception {
    startReadOnly();
    ServiceJob labelJob =
        new ServiceJob(
            "volume/host-a/pgdata",
            JobKind.BACKUP,
            "db",
            "host-a",
            "pgdata",
            "*/5 * * * * ?",
            ZoneId.of("UTC"));
    ServiceJob otherPolicy =
        new ServiceJob("backup/www/host-a", JobKind.BACKUP, "www", "host-a", "0 0 * * * ?", utc());
    scheduler.start(List.of(BACKUP_JOB, CHECK_JOB, labelJob, otherPolicy));
    scheduler.nextFires.put(BACKUP_JOB.id(), Instant.parse("2026-12-01T03:00:00Z"));
    Map<String, Object> retention = new LinkedHashMap<>();
    retention.put("last", 3);
    retention.put("daily", 7);
    retention.put("within", "2d");
    retention.put("keep_tags", List.of("keep"));
    policies.add(
        new PolicyCatalog.PolicyInfo(
            "db",
            List.of("host-a"),
            "0 0 3 * * ?",
            "UTC",
            retention,
            List.of("nightly"),
            false,
            List.of("postgres")));
    policies.add(
        new PolicyCatalog.PolicyInfo(
            "idle",
            List.of(),
            "0 0 1 * * ?",
            "Europe/Paris",
            Map.of(),
            List.of(),
            true,
            List.of()));

    HttpResponse<String> response = get("/api/v1/policies");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                """
                [{"name":"db","hosts":["host-a"],"cron":"0 0 3 * * ?","zone":"UTC",
                  "retention":{"last":3,"daily":7,"within":"2d","keep_tags":["keep"]},
                  "tags":["nightly"],
                  "consistency":{"stop":false,"exec_containers":["postgres"]},
                  "jobs":[{"id":"backup/db/host-a","docker_host":"host-a",
                           "next_fire_time":"2026-12-01T03:00:00Z"},
                          {"id":"volume/host-a/pgdata","docker_host":"host-a","volume":"pgdata"}]},
                 {"name":"idle","hosts":[],"cron":"0 0 1 * * ?","zone":"Europe/Paris",
                  "retention":{},"tags":[],
                  "consistency":{"stop":true,"exec_containers":[]},"jobs":[]}]
                """));
  }

  @Test
  void runsListTheHistoryNewestFirstUpToTheLimit() throws Exception {
    startReadOnly();
    Instant end = Instant.parse("2026-11-30T03:00:05.250Z");
    scheduler.history().append(backup("first", RunOutcome.SUCCEEDED, end, 1000, 100));
    scheduler.history().append(backup("second", RunOutcome.SUCCEEDED, end, 1000, 100));
    RunRecord failed =
        new RunRecord(
            "run-3",
            "check",
            JobKind.CHECK,
            null,
            null,
            null,
            null,
            "test-instance",
            2,
            end.minusMillis(1500),
            end,
            RunOutcome.FAILED,
            0,
            0,
            null,
            "pack 1234 is damaged",
            null,
            null);
    scheduler.history().append(failed);

    HttpResponse<String> response = get("/api/v1/runs?limit=2");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                """
                [{"run_id":"run-3","job":"check","kind":"check","instance":"test-instance",
                  "attempt":2,"start":"2026-11-30T03:00:03.750Z","end":"2026-11-30T03:00:05.250Z",
                  "duration":1.5,"outcome":"failed","bytes_read":0,"data_added":0,
                  "error":"pack 1234 is damaged"},
                 {"run_id":"run-second","job":"backup/db/host-a","kind":"backup","policy":"db",
                  "volume":"second","docker_host":"host-a","hostname":"machine-1",
                  "instance":"test-instance","attempt":1,"start":"2026-11-30T03:00:00.250Z",
                  "end":"2026-11-30T03:00:05.250Z","duration":5.0,"outcome":"succeeded",
                  "bytes_read":1000,"data_added":100,"snapshot_id":"%s","short_id":"01234567",
                  "hook_output":"pre: ok"}]
                """
                    .formatted(SNAPSHOT)));
  }

  @Test
  void runsRejectALimitThatIsNotAPositiveNumber() throws Exception {
    startReadOnly();

    HttpResponse<String> response = get("/api/v1/runs?limit=lots");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asInt()).isEqualTo(400);
    assertThat(json(response).get("message").asText()).contains("limit");
  }

  @Test
  void volumesListEachVolumeWithItsLatestSnapshot() throws Exception {
    startReadOnly();
    volumes.add(
        new VolumeStatus("pgdata", "host-a", SNAPSHOT, Instant.parse("2026-11-30T03:00:00Z")));
    volumes.add(new VolumeStatus("fresh", "host-b", null, null));

    HttpResponse<String> response = get("/api/v1/volumes");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                """
                [{"volume":"pgdata","docker_host":"host-a","latest_snapshot":
                   {"id":"%s","short_id":"01234567","time":"2026-11-30T03:00:00Z"}},
                 {"volume":"fresh","docker_host":"host-b"}]
                """
                    .formatted(SNAPSHOT)));
  }

  @Test
  void triggerWithoutATokenIs401AndTriggersNothing() throws Exception {
    startWithToken();

    HttpResponse<String> response = post("/api/v1/jobs/backup/db/host-a/run", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    assertThat(json(response).get("message").asText()).contains("Authorization: Bearer");
    assertThat(scheduler.triggered).isEmpty();
  }

  @Test
  void triggerWithAWrongTokenIs401AndTriggersNothing() throws Exception {
    startWithToken();

    HttpResponse<String> wrong = post("/api/v1/jobs/backup/db/host-a/run", "Bearer not-the-token");
    HttpResponse<String> prefix = post("/api/v1/jobs/backup/db/host-a/run", "Bearer s3cr3t");
    HttpResponse<String> basic = post("/api/v1/jobs/backup/db/host-a/run", "Basic " + TOKEN);

    assertThat(List.of(wrong.statusCode(), prefix.statusCode(), basic.statusCode()))
        .containsOnly(401);
    assertThat(wrong.body()).doesNotContain(TOKEN);
    assertThat(scheduler.triggered).isEmpty();
  }

  @Test
  void triggerWithTheTokenFiresTheJobNow() throws Exception {
    startWithToken();

    HttpResponse<String> response = post("/api/v1/jobs/backup/db/host-a/run", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response))
        .isEqualTo(JSON.readTree("{\"job\":\"backup/db/host-a\",\"triggered\":true}"));
    assertThat(scheduler.triggered).containsExactly("backup/db/host-a");
  }

  @Test
  void triggerOfAnUnknownJobIs404() throws Exception {
    startWithToken();

    HttpResponse<String> response = post("/api/v1/jobs/backup/nope/host-a/run", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response))
        .isEqualTo(JSON.readTree("{\"code\":404,\"message\":\"no such job: backup/nope/host-a\"}"));
    assertThat(scheduler.triggered).isEmpty();
  }

  @Test
  void triggerIs403WhenNoTokenIsConfiguredBecauseTheApiIsReadOnly() throws Exception {
    startReadOnly();
    scheduler.start(List.of(BACKUP_JOB));

    HttpResponse<String> response = post("/api/v1/jobs/backup/db/host-a/run", "Bearer anything");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("message").asText()).contains("read-only");
    assertThat(scheduler.triggered).isEmpty();
  }

  @Test
  void unknownPathsAndMethodsAreAnsweredAsJsonErrors() throws Exception {
    startReadOnly();

    HttpResponse<String> missing = get("/nothing-here");
    HttpResponse<String> missingApi = get("/api/v1/policies-of-tomorrow");
    HttpResponse<String> wrongMethod = post("/api/v1/jobs", null);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("code").asInt()).isEqualTo(404);
    assertThat(missingApi.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(json(wrongMethod).get("message").asText()).contains("POST");
  }

  private void startReadOnly() throws IOException {
    start(ServerSettings.readOnly(new InetSocketAddress("127.0.0.1", 0)));
  }

  private void startWithToken() throws IOException {
    start(ServerSettings.readOnly(new InetSocketAddress("127.0.0.1", 0)).withApiToken(TOKEN));
    scheduler.start(List.of(BACKUP_JOB, CHECK_JOB));
  }

  private void start(ServerSettings settings) throws IOException {
    server =
        ServiceHttpServer.start(
            settings,
            scheduler,
            metrics,
            repositoryProblem::get,
            () -> List.copyOf(volumes),
            () -> List.copyOf(policies));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static final DrillRecord DRILL =
      new DrillRecord(
          1,
          Instant.parse("2026-11-30T12:00:00Z"),
          "vm",
          "pgdata",
          "host-a",
          "aa".repeat(32),
          Instant.parse("2026-11-30T11:00:00Z"),
          "host-b",
          "volback-drill-pgdata-1a2b3c4d",
          "api",
          3600,
          12.25,
          15.5,
          75,
          15292219,
          0,
          List.of(),
          List.of(),
          null,
          "passed",
          null,
          false);

  private static ZoneId utc() {
    return ZoneId.of("UTC");
  }

  private static RunRecord backup(
      String volume, RunOutcome outcome, Instant end, long read, long added) {
    return new RunRecord(
        "run-" + volume,
        BACKUP_JOB.id(),
        JobKind.BACKUP,
        "db",
        volume,
        "host-a",
        "machine-1",
        "test-instance",
        1,
        end.minusSeconds(5),
        end,
        outcome,
        read,
        added,
        outcome == RunOutcome.FAILED ? null : SNAPSHOT,
        outcome == RunOutcome.FAILED ? "S3 is unreachable" : null,
        "pre: ok",
        null);
  }

  private static RunRecord repositoryRun(
      String job, JobKind kind, RunOutcome outcome, Instant end) {
    return new RunRecord(
        "run-" + job,
        job,
        kind,
        null,
        null,
        null,
        null,
        "test-instance",
        1,
        end.minusSeconds(10),
        end,
        outcome,
        0,
        0,
        null,
        outcome == RunOutcome.FAILED ? "damaged" : null,
        null,
        null);
  }
}
