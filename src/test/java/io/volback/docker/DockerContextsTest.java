package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DockerContextsTest checks the docker CLI's choice of engine on a written ~/.docker folder. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DockerContextsTest {
  @TempDir Path config;

  @Test
  void precedenceIsTheDockerClis() throws Exception {
    context("remote", "tcp://10.0.0.1:2375", false);
    context("other", "unix:///run/other.sock", false);
    Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"remote\"}");
    Map<String, String> base = Map.of("DOCKER_CONFIG", config.toString());

    assertThat(address(base, null, null)).isEqualTo("tcp://10.0.0.1:2375");
    assertThat(address(with(base, "DOCKER_CONTEXT", "other"), null, null))
        .isEqualTo("unix:///run/other.sock");
    assertThat(address(with(base, "DOCKER_HOST", "unix:///env.sock"), null, null))
        .as("DOCKER_HOST beats DOCKER_CONTEXT and the current context")
        .isEqualTo("unix:///env.sock");
    assertThat(address(with(base, "DOCKER_HOST", "unix:///env.sock"), null, "other"))
        .as("--context beats DOCKER_HOST, as `docker --context`")
        .isEqualTo("unix:///run/other.sock");
    assertThat(address(base, "unix:///h.sock", null)).isEqualTo("unix:///h.sock");
    assertThat(address(base, null, "default")).isEqualTo(DockerHosts.DEFAULT_ADDRESS);
    assertThat(address(Map.of("DOCKER_CONFIG", config.resolve("none").toString()), null, null))
        .isEqualTo(DockerHosts.DEFAULT_ADDRESS);
  }

  @Test
  void tlsFilesOfAContextAreUsed() throws Exception {
    Path tls = context("secure", "tcp://10.0.0.2:2376", false);
    Files.createDirectories(tls);
    Path skip = context("skip", "tcp://10.0.0.3:2376", true);

    DockerEndpoint secure = resolve("secure");
    assertThat(secure.tlsDir()).contains(tls);
    assertThat(secure.verifyTls()).isTrue();
    assertThat(resolve("skip").tlsDir()).contains(skip);
    assertThat(resolve("skip").verifyTls()).isFalse();
    context("plain", "tcp://10.0.0.4:2375", false);
    assertThat(resolve("plain").tlsDir()).isEqualTo(Optional.empty());
  }

  @Test
  void aTlsContextHandshakesWithItsCertificates() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      String address = "tcp://127.0.0.1:" + server.getLocalPort();
      DockerHostsTest.writeSelfSignedCertificates(
          Files.createDirectories(context("secure", address, false)));
      Thread answer =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    Writer w = new java.io.OutputStreamWriter(s.getOutputStream())) {
                  w.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                  w.flush();
                  Thread.sleep(500);
                } catch (IOException | InterruptedException ignored) {
                  // the client hangs up
                }
              });
      answer.start();

      assertThatThrownBy(() -> new DockerHosts(Map.of()).connect(resolve("secure")))
          .isInstanceOf(DockerHostException.class)
          .hasMessageStartingWith("TLS handshake with Docker host " + address + " failed: ");
      answer.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  @Test
  void mistakesNameTheContext() throws Exception {
    assertThatThrownBy(() -> resolve("missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Docker context 'missing' (from --context) does not exist");
    Files.writeString(config.resolve("config.json"), "{not json");
    assertThatThrownBy(
            () ->
                new DockerContexts(Map.of("DOCKER_CONFIG", config.toString())).resolve(null, null))
        .hasMessageContaining(config.resolve("config.json").toString());
    assertThatThrownBy(
            () ->
                new DockerContexts(Map.of("DOCKER_CONFIG", config.toString()))
                    .resolve("unix:///a.sock", "x"))
        .hasMessageContaining("-H/--host and --context");
  }

  private DockerEndpoint resolve(String context) {
    return new DockerContexts(Map.of("DOCKER_CONFIG", config.toString())).resolve(null, context);
  }

  private static String address(Map<String, String> env, String host, String context) {
    return new DockerContexts(env).resolve(host, context).address();
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    java.util.HashMap<String, String> copy = new java.util.HashMap<>(env);
    copy.put(key, value);
    return copy;
  }

  /** Writes context name as `docker context create` does; returns its TLS folder. */
  private Path context(String name, String host, boolean skipVerify) throws IOException {
    String id = DockerContexts.digest(name);
    Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(id));
    Files.writeString(
        meta.resolve("meta.json"),
        "{\"Name\":\""
            + name
            + "\",\"Endpoints\":{\"docker\":{\"Host\":\""
            + host
            + "\",\"SkipTLSVerify\":"
            + skipVerify
            + "}}}");
    return config.resolve("contexts/tls").resolve(id).resolve("docker");
  }
}
