package io.volback.maintenance;

import java.util.List;

/** CheckReport is a check's findings, in the order found, and its summary. */
public record CheckReport(List<Finding> findings, CheckSummary summary) {

  public CheckReport {
    findings = List.copyOf(findings);
  }

  /** Whether the check found damage (orphaned packs alone are none). */
  public boolean damaged() {
    return summary.errors() > 0;
  }
}
