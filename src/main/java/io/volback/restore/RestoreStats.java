package io.volback.restore;

/** RestoreStats counts what a restore wrote. */
public record RestoreStats(long files, long dirs, long others, long bytes, long durationMillis) {}
