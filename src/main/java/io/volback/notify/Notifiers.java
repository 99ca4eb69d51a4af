package io.volback.notify;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifiers sends each run to several notifiers in turn; one that throws is logged and the others
 * still hear of the run.
 */
public final class Notifiers implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifiers.class);
  private final List<Notifier> notifiers;

  public Notifiers(List<Notifier> notifiers) {
    this.notifiers = List.copyOf(notifiers);
  }

  @Override
  public void runStarted(String job) {
    for (Notifier notifier : notifiers) {
      try {
        notifier.runStarted(job);
      } catch (RuntimeException e) {
        log.warn("{} failed on the start of {}: {}", notifier, job, e.toString());
      }
    }
  }

  @Override
  public void runFinished(RunEvent event) {
    for (Notifier notifier : notifiers) {
      try {
        notifier.runFinished(event);
      } catch (RuntimeException e) {
        log.warn("{} failed on the end of {}: {}", notifier, event.job(), e.toString());
      }
    }
  }
}
