package io.volback.schedule;

/** How one run of a job (or one volume of it) ended. */
public enum RunOutcome {
  SUCCEEDED,
  /** Finished, but skipped something (files it could not read): exit code 3 of the CLI. */
  PARTIAL,
  FAILED,
  /** Not run: the service was stopping, or the same volume was being backed up. */
  SKIPPED
}
