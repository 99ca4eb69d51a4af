package io.volback.maintenance;

import io.volback.repo.RepoConfig;
import io.volback.repo.chunker.ChunkerParams;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * ConfigCheck says what is wrong with a config that authenticated and decoded: values no volback
 * writes (a bug, or a config sealed by something else).
 */
final class ConfigCheck {
  private ConfigCheck() {}

  static List<String> problems(RepoConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.id() == null || config.id().isBlank()) {
      problems.add("no repository id");
    }
    try {
      new ChunkerParams(config.chunkerMin(), config.chunkerAvg(), config.chunkerMax());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    try {
      if (config.gearSeed() == null || HexFormat.of().parseHex(config.gearSeed()).length != 32) {
        problems.add("the gear seed is not 32 bytes");
      }
    } catch (IllegalArgumentException e) {
      problems.add("the gear seed is not hex");
    }
    if (config.compressionLevel() < 0 || config.compressionLevel() > RepoConfig.MAX_COMPRESSION) {
      problems.add("compression level " + config.compressionLevel() + " is out of range");
    }
    if (config.packSize() <= 0) {
      problems.add("pack size " + config.packSize() + " is not positive");
    }
    return problems;
  }
}
