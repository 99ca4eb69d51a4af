package io.volback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void secretsInDriverOptionsAreHiddenAndTheRestKept() {
    Map<String, String> options = Map.of(
        "type", "cifs",
        "device", "//nas/share",
        "o", "addr=10.0.0.5,username=backup,password=s3cr3t,vers=3.0",
        "secret_key", "abc");
    assertThat(Redaction.driverOptions(options)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "type", "cifs",
        "device", "//nas/share",
        "o", "addr=10.0.0.5,username=backup,password=***,vers=3.0",
        "secret_key", "***"));
  }
}
