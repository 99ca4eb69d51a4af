package io.volback.testsupport;

import io.volback.repo.RepoConfig;
import io.volback.repo.chunker.ChunkerParams;

/** TestRepoConfig is the configuration `volback init` writes when given no options, for tests. */
public final class TestRepoConfig {
  private TestRepoConfig() {}

  public static RepoConfig defaults() {
    return RepoConfig.create(
        ChunkerParams.DEFAULT, RepoConfig.DEFAULT_COMPRESSION, RepoConfig.DEFAULT_PACK_SIZE);
  }
}
