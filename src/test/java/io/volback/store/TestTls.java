package io.volback.store;

import io.volback.testsupport.TestCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/** TestTls is TestCertificate as the JDK and the AWS SDK take it: a server context and a trust. */
record TestTls(SSLContext serverContext, TlsTrustManagersProvider trust) {
  static TestTls create(Path dir) throws Exception {
    TestCertificate certificate = TestCertificate.create(dir);
    char[] password = certificate.password().toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keyStore())) {
      keys.load(in, password);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(keyManagers.getKeyManagers(), null, null);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(keys);
    return new TestTls(server, trustManagers::getTrustManagers);
  }
}
