package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository URL naming an S3 bucket that does not exist is a missing repository, as a missing
 * folder is: exit 10 and one error line naming the bucket, for every command that opens one.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MissingBucketTest {
  private static final String URL = "s3://nosuchbucket/volback";

  @TempDir static Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "snapshots",
        "backup --path .",
        "ls latest",
        "restore latest --target restored",
        "export latest --output out.tar",
        "check",
        "check --read-data",
        "forget --keep-last 1",
        "prune",
        "key list",
        "unlock",
        "stats",
        "diff latest latest"
      })
  void aMissingBucketExits10NamingTheBucket(String command) throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    List<String> args =
        new ArrayList<>(
            List.of(
                "-r",
                URL,
                "--password-file",
                Cli.passwordFile(tmp, "pw").toString(),
                "--s3-endpoint",
                s3.endpoint().toString(),
                "--s3-path-style"));
    args.addAll(List.of(command.split(" ")));

    Cli.Result r =
        VolbackProcess.run(
            Map.of(
                "AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                "AWS_REGION", "us-east-1"),
            args.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(10);
    assertThat(r.err().lines().toList())
        .as(r.toString())
        .containsExactly(
            "volback: error: no repository at "
                + URL
                + ": bucket 'nosuchbucket' does not exist at "
                + s3.endpoint());
    assertThat(r.out()).isEmpty();
  }
}
