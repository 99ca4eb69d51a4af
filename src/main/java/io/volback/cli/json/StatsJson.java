package io.volback.cli.json;

import io.volback.app.RepositoryStats;

/**
 * StatsJson is `stats --json`: restic's names (total_size, total_file_count, snapshots_count,
 * total_blob_count, total_uncompressed_size, compression_ratio) plus volback's dedup_ratio,
 * restore_size and the repository's pack_count and pack_size. The blob and pack fields are left out
 * in restore-size mode.
 */
public record StatsJson(
    String mode,
    int snapshotsCount,
    long totalSize,
    long totalFileCount,
    Long restoreSize,
    Long totalBlobCount,
    Long totalUncompressedSize,
    Double compressionRatio,
    Double dedupRatio,
    Long packCount,
    Long packSize) {

  public static StatsJson of(RepositoryStats.Report r) {
    if (r.mode() == RepositoryStats.Mode.RESTORE_SIZE) {
      return new StatsJson(
          r.mode().label(),
          r.snapshotsCount(),
          r.restoreSize(),
          r.fileCount(),
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    return new StatsJson(
        r.mode().label(),
        r.snapshotsCount(),
        r.storedSize(),
        r.fileCount(),
        r.restoreSize(),
        r.blobCount(),
        r.uncompressedSize(),
        r.compressionRatio(),
        r.dedupRatio(),
        r.packCount(),
        r.packSize());
  }
}
