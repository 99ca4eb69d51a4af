package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * S3Tls says which server certificates the S3 client accepts: the JVM's trusted authorities plus
 * the certificates of the caCerts PEM files (a private CA, as restic's --cacert), or, insecure, any
 * certificate for any name (restic's --insecure-tls).
 */
public record S3Tls(List<Path> caCerts, boolean insecure) {
  /** The JVM's defaults only. */
  public static final S3Tls DEFAULT = new S3Tls(List.of(), false);

  public S3Tls {
    caCerts = List.copyOf(caCerts);
  }

  /**
   * Reads the PEM files now, so that a bad one is an IllegalArgumentException naming it before
   * anything is sent.
   */
  void configure(ApacheHttpClient.Builder http) {
    if (insecure) {
      http.socketFactory(
          new SSLConnectionSocketFactory(trustingAll(), NoopHostnameVerifier.INSTANCE));
    } else if (!caCerts.isEmpty()) {
      TrustManager[] trust = trustManagers(loadAll());
      http.tlsTrustManagersProvider(() -> trust);
    }
  }

  /** Configures http with an explicit trust provider (tests: a self-signed local server). */
  static void configure(ApacheHttpClient.Builder http, TlsTrustManagersProvider trust) {
    http.tlsTrustManagersProvider(trust);
  }

  private List<X509Certificate> loadAll() {
    List<X509Certificate> all = new ArrayList<>();
    for (Path file : caCerts) {
      all.addAll(load(file));
    }
    return all;
  }

  /** The certificates of a PEM file (one or more), or an error naming the file. */
  static List<X509Certificate> load(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the CA certificate file " + file + " (--cacert): " + reason(e));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "the CA certificate file " + file + " (--cacert) holds no valid PEM certificate");
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "the CA certificate file " + file + " (--cacert) holds no certificate");
    }
    List<X509Certificate> x509 = new ArrayList<>();
    for (Certificate c : certificates) {
      x509.add((X509Certificate) c);
    }
    return x509;
  }

  private static String reason(IOException e) {
    return e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
  }

  /** Trust managers for the JVM's default authorities and extra, in one trust store. */
  private static TrustManager[] trustManagers(List<X509Certificate> extra) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate authority : defaultTrust().getAcceptedIssuers()) {
        store.setCertificateEntry("jvm-" + n++, authority);
      }
      for (X509Certificate certificate : extra) {
        store.setCertificateEntry("cacert-" + n++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS trust store: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager defaultTrust() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM has no X.509 trust manager");
  }

  private static SSLContext trustingAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingAll()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** TrustingAll accepts every certificate: what --insecure-tls asks for. */
  private static final class TrustingAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
