package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** stats and diff against a real S3 API server, through the real entry point. */
@Timeout(300)
class StatsAndDiffOnS3Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void statsCountsPacksInTheBucketAndDiffNamesTheChangedFile() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String bucket = "statsdiff-" + System.nanoTime() % 1_000_000_000L;
    s3.createBucket(bucket);
    Path id = Files.writeString(tmp.resolve("id"), s3.accessKey() + "\n");
    Path secret = Files.writeString(tmp.resolve("secret"), s3.secretKey() + "\n");
    Path password = Files.writeString(tmp.resolve("pw"), "pw\n");
    Map<String, String> env =
        Map.of(
            "VOLBACK_S3_ENDPOINT", s3.endpoint().toString(),
            "VOLBACK_S3_PATH_STYLE", "true",
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID_FILE", id.toString(),
            "AWS_SECRET_ACCESS_KEY_FILE", secret.toString(),
            "VOLBACK_REPOSITORY", "s3://" + bucket + "/repo",
            "VOLBACK_PASSWORD_FILE", password.toString());
    Path data = Files.createDirectory(tmp.resolve("data"));
    byte[] content = new byte[300_000];
    new java.util.Random(3).nextBytes(content);
    Files.write(data.resolve("a.bin"), content);
    ok(VolbackProcess.run(env, "init"));
    ok(VolbackProcess.run(env, "backup", "--path", data.toString(), "--name", "data"));
    Files.write(data.resolve("b.bin"), content);
    ok(VolbackProcess.run(env, "backup", "--path", data.toString(), "--name", "data"));

    JsonNode stats =
        JSON.readTree(ok(VolbackProcess.run(env, "--json", "stats", "--mode", "raw-data")).out());
    assertThat(stats.get("restore_size").asLong()).isEqualTo(3L * content.length);
    assertThat(stats.get("total_file_count").asLong()).isEqualTo(3);
    assertThat(stats.get("pack_count").asLong()).isPositive();
    assertThat(stats.get("total_uncompressed_size").asLong())
        .isGreaterThanOrEqualTo(content.length)
        .isLessThan(2L * content.length);

    JsonNode list = JSON.readTree(ok(VolbackProcess.run(env, "--json", "snapshots")).out());
    Cli.Result diff =
        ok(
            VolbackProcess.run(
                env, "diff", list.get(0).get("id").asText(), list.get(1).get("id").asText()));
    assertThat(diff.out().lines().filter(l -> l.matches("[-+MUT] {4}/.*")))
        .containsExactly("+    /b.bin");
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
