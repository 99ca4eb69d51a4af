package io.volback.server;

import com.sun.net.httpserver.HttpExchange;
import io.volback.app.DrillReport;
import io.volback.repo.drill.StoredDrill;
import io.volback.schedule.JobKind;
import io.volback.schedule.ServiceJob;
import io.volback.schedule.ServiceScheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ApiHandler answers the JSON API under /api/v1: GET jobs, runs?limit=N, volumes, policies,
 * drills?volume=V (the repository's drill records, newest first), and POST jobs/{id}/run, which
 * needs the bearer token (none configured: the API is read-only, 403).
 */
final class ApiHandler {
  static final String PREFIX = "/api/v1/";
  static final int DEFAULT_RUN_LIMIT = 100;
  static final int MAX_RUN_LIMIT = 10_000;
  private static final String JOBS = PREFIX + "jobs/";
  private static final String RUN_SUFFIX = "/run";

  private final ServiceScheduler scheduler;
  private final VolumeCatalog volumes;
  private final PolicyCatalog policies;
  private final Optional<BearerToken> token;
  private final DrillCatalog drills;

  ApiHandler(
      ServiceScheduler scheduler,
      VolumeCatalog volumes,
      PolicyCatalog policies,
      Optional<String> apiToken) {
    this(scheduler, volumes, policies, apiToken, DrillCatalog.NONE);
  }

  ApiHandler(
      ServiceScheduler scheduler,
      VolumeCatalog volumes,
      PolicyCatalog policies,
      Optional<String> apiToken,
      DrillCatalog drills) {
    this.scheduler = scheduler;
    this.volumes = volumes;
    this.policies = policies;
    this.token = apiToken.map(BearerToken::new);
    this.drills = drills;
  }

  void handle(HttpExchange exchange) throws Exception {
    String path = Exchanges.path(exchange);
    if (path.startsWith(JOBS) && path.endsWith(RUN_SUFFIX)) {
      trigger(exchange, path.substring(JOBS.length(), path.length() - RUN_SUFFIX.length()));
      return;
    }
    switch (path) {
      case PREFIX + "jobs" -> jobs(exchange);
      case PREFIX + "runs" -> runs(exchange);
      case PREFIX + "volumes" -> volumes(exchange);
      case PREFIX + "policies" -> policies(exchange);
      case PREFIX + "drills" -> drills(exchange);
      default -> Exchanges.sendError(exchange, 404, "no such API endpoint: " + path);
    }
  }

  private void jobs(HttpExchange exchange) throws IOException {
    if (Exchanges.readOnly(exchange)) {
      List<ApiJson.Job> jobs =
          scheduler.jobs().stream()
              .map(job -> ApiJson.Job.of(job, scheduler.nextFireTime(job.id()).orElse(null)))
              .toList();
      Exchanges.sendJson(exchange, 200, jobs);
    }
  }

  private void runs(HttpExchange exchange) throws Exception {
    if (!Exchanges.readOnly(exchange)) {
      return;
    }
    Optional<Integer> limit = runLimit(exchange.getRequestURI().getRawQuery());
    if (limit.isEmpty()) {
      Exchanges.sendError(
          exchange,
          400,
          "limit must be a whole number from 1 to " + MAX_RUN_LIMIT + ", as ?limit=20");
      return;
    }
    List<ApiJson.Run> runs =
        scheduler.history().recent(limit.get()).stream().map(ApiJson.Run::of).toList();
    Exchanges.sendJson(exchange, 200, runs);
  }

  private void volumes(HttpExchange exchange) throws Exception {
    if (Exchanges.readOnly(exchange)) {
      Exchanges.sendJson(
          exchange, 200, volumes.volumes().stream().map(ApiJson.Volume::of).toList());
    }
  }

  private void drills(HttpExchange exchange) throws Exception {
    if (!Exchanges.readOnly(exchange)) {
      return;
    }
    String volume = Queries.parse(exchange.getRequestURI().getRawQuery()).get("volume");
    List<DrillReport> answer =
        drills.drills().stream()
            .filter(d -> volume == null || volume.equals(d.record().volume()))
            .sorted(
                java.util.Comparator.comparing((StoredDrill d) -> d.record().time())
                    .thenComparing(d -> d.id().hex())
                    .reversed())
            .map(DrillReport::of)
            .toList();
    Exchanges.sendJson(exchange, 200, answer);
  }

  private void policies(HttpExchange exchange) throws Exception {
    if (!Exchanges.readOnly(exchange)) {
      return;
    }
    List<ServiceJob> jobs = scheduler.jobs();
    List<ApiJson.Policy> answer = new ArrayList<>();
    for (PolicyCatalog.PolicyInfo policy : policies.policies()) {
      List<ApiJson.PolicyJob> own =
          jobs.stream()
              .filter(j -> j.kind() == JobKind.BACKUP && policy.name().equals(j.policy()))
              .map(j -> ApiJson.PolicyJob.of(j, scheduler.nextFireTime(j.id()).orElse(null)))
              .toList();
      answer.add(ApiJson.Policy.of(policy, own));
    }
    Exchanges.sendJson(exchange, 200, answer);
  }

  private void trigger(HttpExchange exchange, String jobId) throws Exception {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      Exchanges.sendError(exchange, 405, "use POST to trigger a job");
      return;
    }
    if (token.isEmpty()) {
      Exchanges.sendError(
          exchange,
          403,
          "the API is read-only: no api token is configured, so nothing can be triggered");
      return;
    }
    if (!token.get().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"volback\"");
      Exchanges.sendError(
          exchange, 401, "a valid 'Authorization: Bearer TOKEN' header is required");
      return;
    }
    if (!scheduler.triggerNow(jobId)) {
      Exchanges.sendError(exchange, 404, "no such job: " + jobId);
      return;
    }
    Exchanges.sendJson(exchange, 202, new ApiJson.Triggered(jobId, true));
  }

  /** The limit of ?limit=N, the default when absent, empty when malformed or out of range. */
  static Optional<Integer> runLimit(String rawQuery) {
    Map<String, String> query = Queries.parse(rawQuery);
    String value = query.get("limit");
    if (value == null) {
      return Optional.of(DEFAULT_RUN_LIMIT);
    }
    try {
      int limit = Integer.parseInt(value);
      return limit >= 1 && limit <= MAX_RUN_LIMIT ? Optional.of(limit) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
