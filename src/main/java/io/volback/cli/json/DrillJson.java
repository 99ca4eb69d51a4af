package io.volback.cli.json;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.volback.app.DrillReport;
import io.volback.repo.drill.StoredDrill;

/**
 * DrillJson is one disaster-recovery drill (DrillReport) as `drill --json` prints it (message_type
 * "drill", one line per volume) and `drills --json` lists it (without message_type).
 */
public record DrillJson(String messageType, @JsonUnwrapped DrillReport drill) {

  public static DrillJson of(StoredDrill stored) {
    return new DrillJson(null, DrillReport.of(stored));
  }

  /** This record as a line of `drill --json`'s JSON-lines stream. */
  public DrillJson inStream() {
    return new DrillJson("drill", drill);
  }
}
