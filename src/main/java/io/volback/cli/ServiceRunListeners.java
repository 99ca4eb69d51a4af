package io.volback.cli;

import io.volback.config.NotificationConfig;
import io.volback.notify.Notifier;
import io.volback.notify.Notifiers;
import io.volback.notify.PingUrls;
import io.volback.notify.RunEvent;
import io.volback.notify.Webhook;
import io.volback.schedule.RunListener;
import io.volback.schedule.RunRecord;
import io.volback.schedule.ServiceJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceRunListeners are the service's ears on finished runs: one log line per run with its
 * outcome, and the notifications of the configuration (webhook, ping URLs).
 */
final class ServiceRunListeners {
  private static final Logger log = LoggerFactory.getLogger("io.volback.service");

  private ServiceRunListeners() {}

  /** One line per record: job, volume, outcome, duration, snapshot or error. */
  static RunListener logging() {
    return (job, r) -> {
      String line =
          String.format(
              Locale.ROOT,
              "%s%s: %s in %.1f s%s%s",
              r.jobId(),
              r.volume() == null ? "" : " volume " + r.volume(),
              r.outcome().name().toLowerCase(Locale.ROOT),
              r.duration().toMillis() / 1000.0,
              r.snapshotId() == null ? "" : ", snapshot " + r.snapshotId().substring(0, 8),
              r.error() == null ? "" : ": " + r.error());
      switch (r.outcome()) {
        case FAILED, PARTIAL -> log.warn(line);
        default -> log.info(line);
      }
    };
  }

  /** The webhook and pings of config, as one listener; null when none is configured. */
  static RunListener notifications(NotificationConfig config) {
    List<Notifier> notifiers = new ArrayList<>();
    if (config.webhook() != null) {
      NotificationConfig.Webhook w = config.webhook();
      notifiers.add(new Webhook(w.url(), w.onSuccess(), w.timeout()));
    }
    if (config.ping() != null) {
      notifiers.add(new PingUrls(config.ping().url(), config.ping().timeout()));
    }
    if (notifiers.isEmpty()) {
      return null;
    }
    Notifiers all = new Notifiers(notifiers);
    return new RunListener() {
      @Override
      public void runStarted(ServiceJob job, int attempt) {
        all.runStarted(job.id());
      }

      @Override
      public void runFinished(ServiceJob job, RunRecord r) {
        all.runFinished(event(r));
      }
    };
  }

  static RunEvent event(RunRecord r) {
    return new RunEvent(
        r.jobId(),
        r.kind().name().toLowerCase(Locale.ROOT),
        r.volume(),
        r.hostname(),
        r.dockerHost(),
        RunEvent.Outcome.valueOf(r.outcome().name()),
        r.duration(),
        r.error(),
        r.end(),
        r.snapshotId());
  }
}
