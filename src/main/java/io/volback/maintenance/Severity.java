package io.volback.maintenance;

/** Severity tells damage (ERROR) from what is only worth knowing (INFO, e.g. an orphaned pack). */
public enum Severity {
  ERROR,
  INFO
}
