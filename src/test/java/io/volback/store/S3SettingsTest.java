package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3SettingsTest {
  @TempDir Path tmp;

  @Test
  void pathStyleIsNeededForIpAddressesAndLocalhostOnly() {
    assertThat(S3Settings.needsPathStyle("http://localhost:9100")).isTrue();
    assertThat(S3Settings.needsPathStyle("http://127.0.0.1:9000")).isTrue();
    assertThat(S3Settings.needsPathStyle("https://[::1]:9000")).isTrue();
    assertThat(S3Settings.needsPathStyle("https://minio.example.com")).isFalse();
    assertThat(S3Settings.needsPathStyle(null)).isFalse();
    assertThat(S3Settings.needsPathStyle("not a url")).isFalse();
  }

  @Test
  void caCertFilesThatAreNotCertificatesAreNamed() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate\n");
    Path missing = tmp.resolve("missing.pem");

    assertThatThrownBy(() -> S3Tls.load(junk)).hasMessageContaining(junk.toString());
    assertThatThrownBy(() -> S3Tls.load(missing)).hasMessageContaining(missing.toString());
  }

  @Test
  void credentialsNeverPrintTheirKeys() {
    S3Credentials keys = new S3Credentials("AKIDEXAMPLE", "s3cr3t-key", Optional.of("tok3n"));
    assertThat(keys.toString()).doesNotContain("AKIDEXAMPLE", "s3cr3t-key", "tok3n");
  }
}
