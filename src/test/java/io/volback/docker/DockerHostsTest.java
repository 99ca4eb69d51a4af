package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DockerHostsTest {

  @Test
  void resolvesEmptyAddressToDockerHostThenDefaultSocket() {
    assertThat(new DockerHosts(Map.of()).resolve(null)).isEqualTo("unix:///var/run/docker.sock");
    assertThat(new DockerHosts(Map.of()).resolve(" ")).isEqualTo("unix:///var/run/docker.sock");
    assertThat(new DockerHosts(Map.of("DOCKER_HOST", "tcp://h:2375")).resolve(""))
        .isEqualTo("tcp://h:2375");
    assertThat(new DockerHosts(Map.of("DOCKER_HOST", "tcp://h:2375")).resolve("unix:///x.sock"))
        .isEqualTo("unix:///x.sock");
  }

  @Test
  void tcpWithoutTlsIsWarnedAboutAndUnixSocketsAndTlsAreNot() throws Exception {
    DockerHosts plain = new DockerHosts(Map.of());
    DockerHosts tls = new DockerHosts(Map.of("DOCKER_TLS_VERIFY", "1"));

    assertThat(plain.plaintextWarning("tcp://nas:2375"))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith("Docker host tcp://nas:2375 is reached over plain TCP without TLS")
                    .contains("DOCKER_TLS_VERIFY=1"));
    assertThat(new DockerHosts(Map.of("DOCKER_HOST", "tcp://nas")).plaintextWarning(null))
        .hasValueSatisfying(w -> assertThat(w).startsWith("Docker host tcp://nas is reached"));
    assertThat(tls.plaintextWarning("tcp://nas:2376")).isEmpty();
    assertThat(plain.plaintextWarning("unix:///var/run/docker.sock")).isEmpty();
  }

  @Test
  void opensAndPingsALocalEngine() throws Exception {
    try (DockerHost host = new DockerHosts(Map.of()).open(DockerEngines.addressA())) {
      assertThat(host.address()).isEqualTo(DockerEngines.addressA());
      assertThat(host.isLocalSocket()).isTrue();
      assertThat(host.client().versionCmd().exec().getApiVersion()).isNotBlank();
    }
  }

  @Test
  void opensTheHostNamedByDockerHostWhenNoneIsGiven() throws Exception {
    try (DockerHost host =
        new DockerHosts(Map.of("DOCKER_HOST", DockerEngines.addressB())).open(null)) {
      assertThat(host.address()).isEqualTo(DockerEngines.addressB());
    }
  }

  @Test
  void unreachableUnixSocketGivesOneLineNamingTheHost() {
    assertThatThrownBy(() -> new DockerHosts(Map.of()).open("unix:///var/run/nope.sock"))
        .isInstanceOf(DockerHostException.class)
        .hasMessageStartingWith("cannot reach Docker host unix:///var/run/nope.sock: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void refusedTcpConnectionNamesTheHost() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String address = "tcp://127.0.0.1:" + port;
    assertThatThrownBy(() -> new DockerHosts(Map.of()).open(address))
        .isInstanceOf(DockerHostException.class)
        .hasMessageStartingWith("cannot reach Docker host " + address + ": ")
        .hasMessageContaining("refused");
  }

  @Test
  void openingATcpHostWithoutTlsWarnsOncePerHost() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String address = "tcp://127.0.0.1:" + port;
    Logger logger = (Logger) LoggerFactory.getLogger(DockerHosts.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> new DockerHosts(Map.of()).open(address))
            .hasMessageStartingWith("cannot reach Docker host " + address);
      }
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .startsWith("Docker host " + address + " is reached over plain TCP without TLS");
            });
  }

  @Test
  void unsupportedAddressIsRejectedWithTheAcceptedForms() {
    assertThatThrownBy(() -> new DockerHosts(Map.of()).open("ssh://me@box"))
        .hasMessage(
            "unsupported Docker host address ssh://me@box: use unix:///path/to/docker.sock or tcp://host:port");
  }

  @Test
  void tlsWithoutCertificatesSaysWhichFileIsMissing(@TempDir Path certs) {
    var env = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString());
    assertThatThrownBy(() -> new DockerHosts(env).open("tcp://127.0.0.1:2376"))
        .hasMessageStartingWith(
            "cannot use TLS for Docker host tcp://127.0.0.1:2376: " + certs.resolve("ca.pem"));
  }

  @Test
  void failedTlsHandshakeNamesTheHost(@TempDir Path certs) throws Exception {
    writeSelfSignedCertificates(certs);
    // A server that answers plain text where a TLS handshake is expected.
    try (ServerSocket server = new ServerSocket(0)) {
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
      String address = "tcp://127.0.0.1:" + server.getLocalPort();
      var env = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString());
      assertThatThrownBy(() -> new DockerHosts(env).open(address))
          .isInstanceOf(DockerHostException.class)
          .hasMessageStartingWith("TLS handshake with Docker host " + address + " failed: ");
      answer.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  // ca.pem, cert.pem and key.pem as the docker CLI expects them, made with the JDK's keytool.
  static void writeSelfSignedCertificates(Path dir) throws Exception {
    Path store = dir.resolve("store.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "docker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=volback-test",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(Processes.awaitOrKill(p, Duration.ofMinutes(1), "keytool")).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate cert = ks.getCertificate("docker");
    String certPem = pem("CERTIFICATE", cert.getEncoded());
    Files.writeString(dir.resolve("ca.pem"), certPem);
    Files.writeString(dir.resolve("cert.pem"), certPem);
    Files.writeString(
        dir.resolve("key.pem"),
        pem("PRIVATE KEY", ks.getKey("docker", "changeit".toCharArray()).getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
