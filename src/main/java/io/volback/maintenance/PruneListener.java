package io.volback.maintenance;

/** PruneListener hears how a prune advances, for progress on a terminal. */
public interface PruneListener {
  PruneListener NONE = new PruneListener() {};

  /** A phase starts ("checking snapshots", "repacking", "deleting packs"); total items, or -1. */
  default void phase(String name, long total) {}

  /** One item of the current phase is done (a snapshot, a blob, a deleted object). */
  default void done(long bytes) {}

  /** The current phase is over. */
  default void phaseFinished() {}
}
