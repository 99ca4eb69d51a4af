package io.volback.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ApiJson holds the JSON API's records and its mapper, with docs/json.md's conventions: snake_case
 * names, times as RFC 3339 strings in UTC, durations in seconds, absent fields left out. These are
 * the API's own shapes, so the scheduler's types can change without changing the contract.
 */
final class ApiJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ApiJson() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scheduled job and when it fires next. */
  record Job(
      String id,
      String kind,
      String policy,
      String dockerHost,
      String volume,
      String cron,
      String zone,
      String nextFireTime) {
    static Job of(ServiceJob job, Instant nextFire) {
      return new Job(
          job.id(),
          name(job.kind()),
          job.policy(),
          job.dockerHost(),
          job.volume(),
          job.cron(),
          job.zone().getId(),
          time(nextFire));
    }
  }

  /** One entry of the run history. */
  record Run(
      String runId,
      String job,
      String kind,
      String policy,
      String volume,
      String dockerHost,
      String hostname,
      String instance,
      int attempt,
      String start,
      String end,
      double duration,
      String outcome,
      long bytesRead,
      long dataAdded,
      String snapshotId,
      String shortId,
      String error,
      String hookOutput,
      String scheduled) {
    static Run of(RunRecord r) {
      return new Run(
          r.runId(),
          r.jobId(),
          name(r.kind()),
          r.policy(),
          r.volume(),
          r.dockerHost(),
          r.hostname(),
          r.instance(),
          r.attempt(),
          time(r.start()),
          time(r.end()),
          r.duration().toNanos() / 1e9,
          name(r.outcome()),
          r.bytesRead(),
          r.bytesAdded(),
          r.snapshotId(),
          ApiJson.shortId(r.snapshotId()),
          r.error(),
          r.hookOutput(),
          time(r.scheduled()));
    }
  }

  /** A protected volume and its newest snapshot. */
  record Volume(String volume, String dockerHost, LatestSnapshot latestSnapshot) {
    static Volume of(VolumeCatalog.VolumeStatus v) {
      LatestSnapshot latest =
          v.latestSnapshotId() == null
              ? null
              : new LatestSnapshot(
                  v.latestSnapshotId(),
                  ApiJson.shortId(v.latestSnapshotId()),
                  time(v.latestSnapshotTime()));
      return new Volume(v.volume(), v.dockerHost(), latest);
    }
  }

  record LatestSnapshot(String id, String shortId, String time) {}

  /** A policy of the configuration, with its jobs and when they fire next. */
  record Policy(
      String name,
      List<String> hosts,
      String cron,
      String zone,
      Map<String, Object> retention,
      List<String> tags,
      Consistency consistency,
      List<PolicyJob> jobs) {
    static Policy of(PolicyCatalog.PolicyInfo p, List<PolicyJob> jobs) {
      return new Policy(
          p.name(),
          p.hosts(),
          p.cron(),
          p.zone(),
          p.retention(),
          p.tags(),
          new Consistency(p.stop(), p.execContainers()),
          jobs);
    }
  }

  /** What a policy does to the containers: stop them, and the containers it runs commands in. */
  record Consistency(boolean stop, List<String> execContainers) {}

  /** A backup job of a policy: per Docker host, or one volume with a schedule of its own. */
  record PolicyJob(String id, String dockerHost, String volume, String nextFireTime) {
    static PolicyJob of(ServiceJob job, Instant nextFire) {
      return new PolicyJob(job.id(), job.dockerHost(), job.volume(), time(nextFire));
    }
  }

  /** The answer of POST /api/v1/jobs/{id}/run. */
  record Triggered(String job, boolean triggered) {}

  /** /healthz and /readyz: status, and why not ready. */
  record Status(String status, String reason) {}

  /** Every error: the HTTP status as code and a one-line message (as the CLI's exit_error). */
  record Error(int code, String message) {}

  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static String time(Instant time) {
    return time == null ? null : time.toString();
  }

  static String shortId(String id) {
    return id == null ? null : id.substring(0, Math.min(8, id.length()));
  }
}
