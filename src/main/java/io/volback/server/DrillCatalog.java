package io.volback.server;

import io.volback.repo.drill.StoredDrill;
import java.util.List;

/**
 * DrillCatalog reads the drill records the repository keeps, for GET /api/v1/drills. The assembly
 * implements it by opening the repository: the records outlive the service that ran the drills.
 */
@FunctionalInterface
public interface DrillCatalog {
  DrillCatalog NONE = List::of;

  /** Every drill record, in any order. */
  List<StoredDrill> drills() throws Exception;
}
