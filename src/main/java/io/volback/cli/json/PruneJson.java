package io.volback.cli.json;

import io.volback.maintenance.PruneResult;
import java.util.List;

/**
 * PruneJson is what `prune --json` (and `forget --prune --json` after forget's array) prints: the
 * packs deleted, orphaned, repacked and missing, the blobs repacked, the bytes freed and the unused
 * bytes before and after; deleted and repacked name the pack objects (a dry run: those that would
 * go).
 */
public record PruneJson(
    boolean dryRun,
    int packsDeleted,
    int orphanedPacks,
    int packsRepacked,
    int blobsRepacked,
    int missingPacks,
    long bytesFreed,
    long usedBytes,
    long unusedBefore,
    long unusedAfter,
    List<String> deleted,
    List<String> repacked) {

  public static PruneJson of(PruneResult r) {
    return new PruneJson(
        r.dryRun(),
        r.packsDeleted(),
        r.orphanedPacks(),
        r.packsRepacked(),
        r.blobsRepacked(),
        r.missingPacks(),
        r.bytesFreed(),
        r.usedBytes(),
        r.unusedBefore(),
        r.unusedAfter(),
        r.deleted(),
        r.repacked());
  }
}
