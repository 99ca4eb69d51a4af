package io.volback.repo;

import io.volback.repo.chunker.ChunkerParams;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * RepoConfig is the content of the "config" object (sealed with the master key): format version,
 * repository id, chunker parameters with the per-repository gear seed, compression and pack size.
 */
public record RepoConfig(
    int version,
    String id,
    int chunkerMin,
    int chunkerAvg,
    int chunkerMax,
    String gearSeed,
    int compressionLevel,
    int packSize) {

  public static final int FORMAT_VERSION = 1;

  public static RepoConfig create(ChunkerParams chunker, int compressionLevel, int packSize) {
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[32];
    byte[] seed = new byte[32];
    random.nextBytes(id);
    random.nextBytes(seed);
    HexFormat hex = HexFormat.of();
    return new RepoConfig(
        FORMAT_VERSION,
        hex.formatHex(id),
        chunker.minSize(),
        chunker.avgSize(),
        chunker.maxSize(),
        hex.formatHex(seed),
        compressionLevel,
        packSize);
  }

  /** The zstd level new repositories use unless told otherwise. */
  public static final int DEFAULT_COMPRESSION = 2;

  /** zstd's highest level. */
  public static final int MAX_COMPRESSION = 19;

  public static final int DEFAULT_PACK_SIZE = 8 << 20;

  /**
   * This config with the chunker parameters and gear seed of other, so that both repositories cut
   * the same data into the same chunks (init --copy-chunker-params).
   */
  public RepoConfig withChunkerOf(RepoConfig other) {
    return new RepoConfig(
        version,
        id,
        other.chunkerMin,
        other.chunkerAvg,
        other.chunkerMax,
        other.gearSeed,
        compressionLevel,
        packSize);
  }

  public ChunkerParams chunkerParams() {
    return new ChunkerParams(chunkerMin, chunkerAvg, chunkerMax);
  }

  public byte[] gearSeedBytes() {
    return HexFormat.of().parseHex(gearSeed);
  }
}
