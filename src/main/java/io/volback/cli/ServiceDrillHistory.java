package io.volback.cli;

import io.volback.concurrent.DaemonPool;
import io.volback.config.DockerHostConfig;
import io.volback.config.ServiceConfig;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import io.volback.server.DrillCatalog;
import io.volback.server.ServiceMetrics;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceDrillHistory gives the drill metrics the records the repository keeps when the service
 * starts, so that a restart does not blank volback_drill_* until the next drill (alerts on the age
 * of the last drill would fire, or lose their series). A record counts under the name of the
 * configured host it restored on (by address), as a drill of this service would; drills onto hosts
 * this service does not know are left out. Read on a thread of its own: opening the repository must
 * not delay the start.
 */
final class ServiceDrillHistory {
  private static final Logger log = LoggerFactory.getLogger("io.volback.service");

  private ServiceDrillHistory() {}

  static void loadInBackground(ServiceConfig config, DrillCatalog drills, ServiceMetrics metrics) {
    DaemonPool.newThread(
            "volback-drill-history", () -> load(config, drills, metrics::drillFinished))
        .start();
  }

  /** Feeds every record of drills onto a configured host to metrics; logs when it cannot read. */
  static int load(
      ServiceConfig config, DrillCatalog drills, BiConsumer<String, DrillRecord> metrics) {
    int loaded = 0;
    try {
      for (StoredDrill drill : drills.drills()) {
        String target = drill.record().targetHost();
        for (DockerHostConfig host : config.hosts()) {
          if (host.address().equals(target)) {
            metrics.accept(host.name(), drill.record());
            loaded++;
            break;
          }
        }
      }
      log.debug("drill metrics: {} records from the repository", loaded);
    } catch (Exception e) {
      log.warn(
          "could not read the drill records for the drill metrics (they start empty): {}",
          ErrorReporter.message(e));
    }
    return loaded;
  }
}
