package io.volback.repo;

/** RestoreStats counts what a restore wrote. */
public record RestoreStats(long files, long dirs, long others, long bytes, long durationMillis) {}
