package io.volback.app;

import io.volback.concurrent.ProcessOwner;
import io.volback.docker.DockerHostException;
import io.volback.docker.VolumeInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * ScratchLeftovers finds and removes the scratch volumes that drills killed before their cleanup
 * left behind: those whose owner (ProcessOwner's "MACHINE/PID") is a process of this machine that
 * is gone, or that were started more than MAX_AGE ago. A scratch volume whose owner is alive is
 * never touched: its drill is still running.
 */
final class ScratchLeftovers {
  /** A drill older than this is over, whoever owns its scratch volume (another machine, say). */
  static final Duration MAX_AGE = Duration.ofHours(24);

  private final String machine;
  private final LongPredicate alive;
  private final Instant now;

  /** machine as ProcessOwner names this one; alive tells whether a pid of this machine runs. */
  ScratchLeftovers(String machine, LongPredicate alive, Instant now) {
    this.machine = machine;
    this.alive = alive;
    this.now = now;
  }

  ScratchVolumes.Cleanup removeFrom(VolumeHost host) throws DockerHostException {
    List<String> removed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (VolumeInfo v : host.volumes()) {
      if (!isLeftover(v.labels())) {
        continue;
      }
      try {
        host.removeWithHelpers(v.name());
        removed.add(v.name());
      } catch (DockerHostException e) {
        problems.add(
            "scratch volume " + v.name() + " on " + host.address() + ": " + e.getMessage());
      }
    }
    return new ScratchVolumes.Cleanup(removed, problems);
  }

  boolean isLeftover(Map<String, String> labels) {
    if (!"true".equals(labels.get(ScratchVolumes.DRILL_LABEL))) {
      return false;
    }
    ProcessOwner.Owner owner = ProcessOwner.Owner.parse(labels.get(ScratchVolumes.OWNER_LABEL));
    if (owner != null && owner.machine().equals(machine)) {
      return !alive.test(owner.pid());
    }
    Instant started = started(labels.get(ScratchVolumes.STARTED_LABEL));
    return started != null && started.plus(MAX_AGE).isBefore(now);
  }

  private static Instant started(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
