package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void secretsInDriverOptionsAreHiddenAndTheRestKept() {
    Map<String, String> options =
        Map.of(
            "type", "cifs",
            "device", "//nas/share",
            "o", "addr=10.0.0.5,username=backup,password=s3cr3t,vers=3.0",
            "secret_key", "abc");
    assertThat(Redaction.driverOptions(options))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "type", "cifs",
                "device", "//nas/share",
                "o", "addr=10.0.0.5,username=backup,password=***,vers=3.0",
                "secret_key", "***"));
  }

  @Test
  void logTextHidesSecretPairsAndJsonMembersWhereverTheyAppear() {
    String command = "Cmd: local,{type=none, o=bind,password=s3cr3t},{app=shop},copy";
    String json =
        "{\"DriverOpts\":{\"o\":\"addr=nas,password=s3cr3t\",\"device\":\"/x\"},"
            + "\"secret_key\" : \"ab\\\"c\",\"Name\":\"copy\"}";

    assertThat(Redaction.text(command))
        .isEqualTo("Cmd: local,{type=none, o=bind,password=***,{app=shop},copy");
    assertThat(Redaction.text(json))
        .doesNotContain("s3cr3t", "ab")
        .contains("\"Name\":\"copy\"")
        .contains("\"secret_key\" : \"***\"");
  }
}
