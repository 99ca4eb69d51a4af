package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the metadata cache goes by default: VOLBACK_CACHE_DIR, XDG, home. */
class MetadataCacheRootTest {
  @Test
  void volbackCacheDirWinsOverXdgAndHome() {
    Map<String, String> env =
        Map.of("VOLBACK_CACHE_DIR", "/srv/c", "XDG_CACHE_HOME", "/x", "HOME", "/h");
    assertThat(MetadataCacheRoot.of(env::get, "/u")).isEqualTo(Path.of("/srv/c"));
  }

  @Test
  void anAbsoluteXdgCacheHomeHoldsAVolbackFolder() {
    Map<String, String> env = Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h");
    assertThat(MetadataCacheRoot.of(env::get, "/u")).isEqualTo(Path.of("/x/volback"));
  }

  @Test
  void aRelativeXdgCacheHomeIsIgnoredAsTheSpecSays() {
    Map<String, String> env = Map.of("XDG_CACHE_HOME", "rel", "HOME", "/h");
    assertThat(MetadataCacheRoot.of(env::get, "/u")).isEqualTo(Path.of("/h/.cache/volback"));
  }

  @Test
  void withoutHomeTheJvmsUserHomeIsUsed() {
    assertThat(MetadataCacheRoot.of(Map.<String, String>of()::get, "/root"))
        .isEqualTo(Path.of("/root/.cache/volback"));
    assertThat(MetadataCacheRoot.of(Map.<String, String>of()::get, "")).isNull();
  }
}
