package io.volback.maintenance;

/**
 * CheckSummary counts what a check looked at and found: errors and infos, key files, index objects,
 * packs (indexed and present, and orphaned), snapshots, indexed blobs, and what --read-data read
 * ("none", "all", "10% (seed 42)", "1/4"): how many packs and bytes.
 */
public record CheckSummary(
    long errors,
    long infos,
    int keys,
    int indexObjects,
    int packs,
    int orphanedPacks,
    int snapshots,
    int blobs,
    String readData,
    int readPacks,
    long readBytes) {}
