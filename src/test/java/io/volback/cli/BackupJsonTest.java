package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.app.BackupVolumes;
import io.volback.app.Failure;
import io.volback.repo.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BackupJsonTest {
  @Test
  void failedVolumePrintsItsFailureAsTheErrorStringItAlwaysHad() throws Exception {
    var result =
        new BackupVolumes.VolumeResult("v", null, Failure.of(new IOException("disk gone")));

    assertThat(Json.MAPPER.writeValueAsString(BackupCommand.VolumeJson.of(result)))
        .isEqualTo("{\"volume\":\"v\",\"error\":\"disk gone\"}");
  }
}
