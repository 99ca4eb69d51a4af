package io.volback.cli.json;

import io.volback.maintenance.CheckSummary;

/**
 * CheckSummaryJson is the last line of `check --json`: what was found (num_errors, num_infos) and
 * looked at, and what --read-data read; read_data_seed only with --read-data-subset N%.
 */
public record CheckSummaryJson(
    String messageType,
    long numErrors,
    long numInfos,
    int keyFiles,
    int indexObjects,
    int packs,
    int orphanedPacks,
    int snapshots,
    int blobs,
    String readData,
    Long readDataSeed,
    int readDataPacks,
    long readDataBytes) {

  /** The summary s; seed is that of a read-data share, null for any other selection. */
  public static CheckSummaryJson of(CheckSummary s, Long seed) {
    return new CheckSummaryJson(
        "summary",
        s.errors(),
        s.infos(),
        s.keys(),
        s.indexObjects(),
        s.packs(),
        s.orphanedPacks(),
        s.snapshots(),
        s.blobs(),
        s.readData(),
        seed,
        s.readPacks(),
        s.readBytes());
  }
}
