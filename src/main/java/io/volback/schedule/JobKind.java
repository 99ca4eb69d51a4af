package io.volback.schedule;

/** What a scheduled job does. */
public enum JobKind {
  /** Back up the volumes a policy selects on one Docker host. */
  BACKUP,
  /** Apply the retention policies, then prune. */
  FORGET_PRUNE,
  /** Check the repository (optionally reading a subset of the data). */
  CHECK,
  /** Restore into a scratch volume and verify (the drills issue). */
  DRILL
}
