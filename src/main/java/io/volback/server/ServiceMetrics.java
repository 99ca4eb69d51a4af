package io.volback.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.volback.repo.drill.DrillRecord;
import io.volback.schedule.RunListener;
import io.volback.schedule.RunOutcome;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * ServiceMetrics turns the runs it hears into Prometheus metrics, named in Velero's habit
 * (volback_backup_last_successful_timestamp_seconds, volback_backup_failures_total, ...): per
 * volume and Docker host for backups, one series each for forget+prune and check. A PARTIAL backup
 * made a snapshot but skipped something: it counts in volback_backup_partial_failures_total, not as
 * a success. SKIPPED runs did nothing and change nothing. Drills are per volume and the Docker host
 * they restored on (volback_drill_success, _rto_seconds, _rpo_seconds, ...).
 */
public final class ServiceMetrics implements RunListener {
  /** The content type of {@link #writeTo}'s text. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final String[] VOLUME_LABELS = {"volume", "docker_host"};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Gauge lastSuccess =
      gauge(
          "volback_backup_last_successful_timestamp_seconds",
          "When the volume's last successful backup ended (Unix time).");
  private final Gauge lastDuration =
      gauge("volback_backup_last_duration_seconds", "How long the volume's last backup run took.");
  private final Gauge bytesRead =
      gauge("volback_backup_bytes_read", "Bytes the volume's last backup run read.");
  private final Gauge bytesAdded =
      gauge("volback_backup_bytes_added", "Bytes the volume's last backup run added.");
  private final Gauge snapshots =
      gauge("volback_snapshots", "Snapshots the repository holds of the volume.");
  private final Counter successes =
      counter("volback_backup_success_total", "Successful backup runs of the volume.");
  private final Counter failures =
      counter("volback_backup_failures_total", "Failed backup runs of the volume.");
  private final Counter partialFailures =
      counter(
          "volback_backup_partial_failures_total",
          "Backup runs of the volume that made a snapshot but skipped something.");
  private final Gauge drillLast =
      gauge(
          "volback_drill_last_timestamp_seconds",
          "When the volume's last drill on the Docker host started (Unix time).");
  private final Gauge drillSuccess =
      gauge("volback_drill_success", "1 when the volume's last drill passed, 0 when it failed.");
  private final Gauge drillRto =
      gauge(
          "volback_drill_rto_seconds",
          "How long the volume's last drill took to restore and verify (recovery time).");
  private final Gauge drillRpo =
      gauge(
          "volback_drill_rpo_seconds",
          "How old the drilled snapshot's data was when the drill started (recovery point).");
  private final Gauge drillBytes =
      gauge(
          "volback_drill_bytes_verified", "Bytes the volume's last drill read back and verified.");
  private final RepositoryJobMetrics forgetPrune =
      new RepositoryJobMetrics("volback_forget_prune", "forget+prune");
  private final RepositoryJobMetrics check = new RepositoryJobMetrics("volback_check", "check");

  /** Metrics whose volback_scheduler_started reads schedulerStarted at each scrape. */
  public ServiceMetrics(BooleanSupplier schedulerStarted) {
    registry.register(
        GaugeWithCallback.builder()
            .name("volback_scheduler_started")
            .help("1 when the scheduler is started, else 0.")
            .callback(cb -> cb.call(schedulerStarted.getAsBoolean() ? 1 : 0))
            .build());
    double startSeconds = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    registry.register(
        GaugeWithCallback.builder()
            .name("process_start_time_seconds")
            .help("When the process started (Unix time).")
            .callback(cb -> cb.call(startSeconds))
            .build());
  }

  @Override
  public void runFinished(ServiceJob job, RunRecord record) {
    if (record.outcome() == RunOutcome.SKIPPED) {
      return;
    }
    switch (record.kind()) {
      case BACKUP -> backupFinished(record);
      case FORGET_PRUNE -> forgetPrune.finished(record);
      case CHECK -> check.finished(record);
      case DRILL -> {
        // drillFinished has the drill's own record; a run record alone says too little.
      }
    }
  }

  /**
   * Records a drill of a volume (drill.volume()) onto the Docker host named dockerHost: its start,
   * outcome, RTO, RPO and bytes verified. Older records than the one shown are ignored, so that
   * history read at start and live drills may come in any order.
   */
  public synchronized void drillFinished(String dockerHost, DrillRecord drill) {
    String[] labels = {orEmpty(drill.volume()), orEmpty(dockerHost)};
    double time = unixSeconds(drill.time());
    if (drillLast.labelValues(labels).get() > time) {
      return;
    }
    drillLast.labelValues(labels).set(time);
    drillSuccess.labelValues(labels).set(drill.passed() ? 1 : 0);
    drillRto.labelValues(labels).set(drill.totalSeconds());
    drillRpo.labelValues(labels).set(drill.rpoSeconds());
    drillBytes.labelValues(labels).set(drill.bytesVerified());
  }

  /** Sets how many snapshots the repository holds of volume on dockerHost (the assembly counts). */
  public void setSnapshotCount(String volume, String dockerHost, long count) {
    snapshots.labelValues(volume, dockerHost).set(count);
  }

  /** Writes every metric in the Prometheus text format (version 0.0.4). */
  public void writeTo(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  private void backupFinished(RunRecord record) {
    String[] labels = {orEmpty(record.volume()), orEmpty(record.dockerHost())};
    successes.initLabelValues(labels);
    failures.initLabelValues(labels);
    partialFailures.initLabelValues(labels);
    lastDuration.labelValues(labels).set(seconds(record));
    bytesRead.labelValues(labels).set(record.bytesRead());
    bytesAdded.labelValues(labels).set(record.bytesAdded());
    switch (record.outcome()) {
      case SUCCEEDED -> {
        successes.labelValues(labels).inc();
        lastSuccess.labelValues(labels).set(unixSeconds(record.end()));
      }
      case PARTIAL -> partialFailures.labelValues(labels).inc();
      default -> failures.labelValues(labels).inc();
    }
  }

  private Gauge gauge(String name, String help) {
    Gauge gauge = Gauge.builder().name(name).help(help).labelNames(VOLUME_LABELS).build();
    registry.register(gauge);
    return gauge;
  }

  private Counter counter(String name, String help) {
    Counter counter = Counter.builder().name(name).help(help).labelNames(VOLUME_LABELS).build();
    registry.register(counter);
    return counter;
  }

  private static double seconds(RunRecord record) {
    return record.duration().toNanos() / 1e9;
  }

  private static double unixSeconds(Instant time) {
    return time.getEpochSecond() + time.getNano() / 1e9;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** The metrics of a repository-wide job: last success, last duration, failures. */
  private final class RepositoryJobMetrics {
    private final Gauge lastSuccess;
    private final Gauge lastDuration;
    private final Counter failures;

    RepositoryJobMetrics(String prefix, String what) {
      lastSuccess =
          Gauge.builder()
              .name(prefix + "_last_successful_timestamp_seconds")
              .help("When the last successful " + what + " ended (Unix time).")
              .build();
      lastDuration =
          Gauge.builder()
              .name(prefix + "_last_duration_seconds")
              .help("How long the last " + what + " run took.")
              .build();
      failures =
          Counter.builder()
              .name(prefix + "_failures_total")
              .help("Failed " + what + " runs.")
              .build();
      registry.register(lastSuccess);
      registry.register(lastDuration);
      registry.register(failures);
    }

    void finished(RunRecord record) {
      lastDuration.set(seconds(record));
      if (record.outcome() == RunOutcome.SUCCEEDED) {
        lastSuccess.set(unixSeconds(record.end()));
      } else {
        failures.inc();
      }
    }
  }
}
