package io.volback.config;

/** What a failing or timed-out exec hook does to its backup. */
public enum OnError {
  /** The volume's backup fails (the default, as Velero's hooks). */
  FAIL,
  /** The failure is logged and the backup goes on. */
  CONTINUE
}
