package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestCertificate;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3TlsAndCredentialsTest runs volback in a child JVM against S3Proxy over https with a self-signed
 * certificate (--cacert, VOLBACK_CACERT, --insecure-tls) and over http with the keys in files
 * (AWS_*_FILE) and only VOLBACK_S3_ENDPOINT set (path style by default for 127.0.0.1).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class S3TlsAndCredentialsTest {
  @TempDir static Path shared;
  private static S3ProxyServer https;
  private static TestCertificate certificate;
  private static int buckets;

  @TempDir Path tmp;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    certificate = TestCertificate.create(shared);
    https = S3ProxyServer.startHttps(certificate.keyStore(), certificate.password());
  }

  @AfterAll
  static void stopHttpsServer() throws Exception {
    if (https != null) {
      https.close();
    }
  }

  @Test
  void untrustedCertificateFailsAtOnceNamingTheEndpointAndSuggestingCacert() throws Exception {
    String bucket = bucket(https);
    Cli.Result result = run(env(https), "-r", "s3://" + bucket, "init");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("TLS handshake with S3 endpoint " + https.endpoint(), "--cacert")
        .as("a certificate problem is not retried")
        .doesNotContain("retrying", "WARN");
  }

  @Test
  void cacertMakesInitBackupAndSnapshotsWork() throws Exception {
    String repo = "s3://" + bucket(https);
    String[] cacert = {"--cacert", certificate.pem().toString()};
    Path source = source();

    ok(run(env(https), concat(cacert, "-r", repo, "init")));
    ok(run(env(https), concat(cacert, "-r", repo, "backup", "--path", source.toString())));
    Cli.Result snapshots =
        run(
            with(env(https), "VOLBACK_CACERT", certificate.pem().toString()),
            "-r",
            repo,
            "snapshots");
    ok(snapshots);
    assertThat(snapshots.out()).contains(source.toString());
  }

  @Test
  void insecureTlsWorksAndWarnsOnEveryRun() throws Exception {
    String repo = "s3://" + bucket(https);

    Cli.Result init = run(env(https), "--insecure-tls", "-r", repo, "init");
    ok(init);
    Cli.Result snapshots = run(env(https), "--insecure-tls", "-r", repo, "snapshots");
    ok(snapshots);
    for (Cli.Result result : new Cli.Result[] {init, snapshots}) {
      assertThat(result.err()).contains("WARN").contains("--insecure-tls");
    }
  }

  @Test
  void badCacertFileIsAUsageErrorNamingIt() throws Exception {
    Path notPem = Files.writeString(tmp.resolve("not.pem"), "hello\n");
    Cli.Result result =
        run(env(https), "--cacert", notPem.toString(), "-r", "s3://" + bucket(https), "init");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains(notPem.toString(), "--cacert");
  }

  @Test
  void keysFromFilesAndAnEndpointAloneReachAnS3CompatibleServer() throws Exception {
    S3ProxyServer http = S3ProxyServer.shared();
    Path id = Files.writeString(tmp.resolve("id"), http.accessKey() + "\n");
    Path secret = Files.writeString(tmp.resolve("secret"), http.secretKey() + "\n");
    Map<String, String> env =
        Map.of(
            "VOLBACK_PASSWORD",
            "pw",
            "VOLBACK_S3_ENDPOINT",
            http.endpoint().toString(),
            "AWS_REGION",
            "us-east-1",
            "AWS_ACCESS_KEY_ID_FILE",
            id.toString(),
            "AWS_SECRET_ACCESS_KEY_FILE",
            secret.toString());
    String repo = "s3://" + bucket(http);

    ok(run(env, "-r", repo, "init"));
    ok(run(env, "-r", repo, "snapshots"));
  }

  @Test
  void aKeyInBothVariableAndFileIsAUsageErrorNamingBoth() throws Exception {
    S3ProxyServer http = S3ProxyServer.shared();
    Path secret = Files.writeString(tmp.resolve("secret"), http.secretKey() + "\n");
    Map<String, String> env = new HashMap<>(env(http));
    env.put("AWS_SECRET_ACCESS_KEY_FILE", secret.toString());

    Cli.Result result = run(env, "-r", "s3://" + bucket(http), "init");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("AWS_SECRET_ACCESS_KEY and AWS_SECRET_ACCESS_KEY_FILE");
    assertThat(result.out() + result.err()).doesNotContain(http.secretKey());
  }

  @Test
  void pathStyleVariableMustBeABoolean() throws Exception {
    S3ProxyServer http = S3ProxyServer.shared();
    Cli.Result result =
        run(with(env(http), "VOLBACK_S3_PATH_STYLE", "sometimes"), "-r", "s3://x", "init");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("VOLBACK_S3_PATH_STYLE", "sometimes");
  }

  private Path source() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(dir, 3);
    return dir;
  }

  private static synchronized String bucket(S3ProxyServer server) {
    String name = "tls-creds-" + System.nanoTime() % 1_000_000_000L + "-" + buckets++;
    server.createBucket(name);
    return name;
  }

  static Map<String, String> env(S3ProxyServer server) {
    return Map.of(
        "VOLBACK_PASSWORD",
        "pw",
        "VOLBACK_S3_ENDPOINT",
        server.endpoint().toString(),
        "AWS_REGION",
        "us-east-1",
        "AWS_ACCESS_KEY_ID",
        server.accessKey(),
        "AWS_SECRET_ACCESS_KEY",
        server.secretKey());
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(key, value);
    return copy;
  }

  private static Cli.Result run(Map<String, String> env, String... args) throws Exception {
    return VolbackProcess.run(env, args);
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }
}
