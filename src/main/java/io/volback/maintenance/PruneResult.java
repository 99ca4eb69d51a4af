package io.volback.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * PruneResult is what a prune did, or in a dry run would do: packs deleted (wholly unused ones and
 * orphans no index lists) and repacked, and the bytes freed (deleted and repacked packs' sizes less
 * the new packs' bytes; estimated in a dry run). Unused bytes are those of blobs no snapshot
 * references (and duplicate copies) plus orphaned packs, before and after.
 */
public record PruneResult(
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("packs_deleted") int packsDeleted,
    @JsonProperty("orphaned_packs") int orphanedPacks,
    @JsonProperty("packs_repacked") int packsRepacked,
    @JsonProperty("blobs_repacked") int blobsRepacked,
    @JsonProperty("missing_packs") int missingPacks,
    @JsonProperty("bytes_freed") long bytesFreed,
    @JsonProperty("used_bytes") long usedBytes,
    @JsonProperty("unused_before") long unusedBefore,
    @JsonProperty("unused_after") long unusedAfter,
    @JsonProperty("deleted") List<String> deleted,
    @JsonProperty("repacked") List<String> repacked) {}
