package io.volback.docker;

import com.github.dockerjava.core.util.CertificateUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * DockerTls builds the SSLContext for an engine from a folder of PEM files as the docker CLI keeps
 * them: ca.pem (the authority; without it the JVM's), cert.pem and key.pem (the client's identity,
 * when present). Unverified (a context's SkipTLSVerify), any server certificate is taken.
 */
final class DockerTls {
  // CertificateUtils.createKeyStore protects the key entry with this password.
  private static final char[] KEY_PASSWORD = "docker".toCharArray();

  private DockerTls() {}

  // CertificateUtils parses PEM through BouncyCastle, as docker-java's LocalDirectorySSLConfig.
  private static synchronized void ensureProvider() {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  static SSLContext context(Path dir, boolean verify, String address) throws DockerHostException {
    ensureProvider();
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(dir), verify ? trustManagers(dir) : trustingAll(), null);
      return context;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new DockerHostException(
          "cannot use the TLS files in "
              + dir
              + " for Docker host "
              + address
              + ": "
              + e.getClass().getSimpleName().replace("Exception", "")
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    }
  }

  private static KeyManager[] keyManagers(Path dir) throws IOException, GeneralSecurityException {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    if (!Files.exists(cert) || !Files.exists(key)) {
      return null;
    }
    KeyStore store = CertificateUtils.createKeyStore(read(key), read(cert));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, KEY_PASSWORD);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(Path dir)
      throws IOException, GeneralSecurityException {
    Path ca = dir.resolve("ca.pem");
    if (!Files.exists(ca)) {
      return null; // the JVM's authorities
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(CertificateUtils.createTrustStore(read(ca)));
    return factory.getTrustManagers();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static TrustManager[] trustingAll() {
    return new TrustManager[] {
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }
    };
  }
}
