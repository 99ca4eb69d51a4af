package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PlaintextDockerHostTest {
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void tcpDockerHostWithoutTlsIsUsedButSaidOnceOnStderr() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    String address = "tcp://127.0.0.1:" + port;

    Cli.Result result = DebugLogSecretsTest.run(Map.of(), "-H", address, "volumes");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.err().lines().filter(l -> l.contains("without TLS")))
        .as(result.toString())
        .singleElement()
        .asString()
        .contains(
            "WARN",
            "Docker host " + address + " is reached over plain TCP without TLS",
            "DOCKER_TLS_VERIFY");
    assertThat(result.err()).contains("cannot reach Docker host " + address);
  }
}
