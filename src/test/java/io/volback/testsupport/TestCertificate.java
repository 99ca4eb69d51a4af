package io.volback.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * TestCertificate is a self-signed certificate for 127.0.0.1 made by the JDK's keytool: a PKCS12
 * key store for a server and the certificate as PEM for a client's trust (--cacert).
 */
public record TestCertificate(Path keyStore, String password, Path pem) {
  private static final String PASSWORD = "changeit";

  public static TestCertificate create(Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    Path pem = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        pem.toString());
    if (!Files.readString(pem).contains("BEGIN CERTIFICATE")) {
      throw new IllegalStateException("keytool wrote no PEM certificate to " + pem);
    }
    return new TestCertificate(store, PASSWORD, pem);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Processes.Finished done = Processes.run(new ProcessBuilder(command), Duration.ofMinutes(1));
    if (done.exitCode() != 0) {
      throw new IllegalStateException("keytool failed: " + done.output());
    }
  }
}
