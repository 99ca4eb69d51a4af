package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.VolbackProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy (and init --copy-chunker-params) through the real entry point: into a second S3 bucket and
 * into a folder, with each repository's own password.
 */
@Timeout(600)
class CopyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void copyToSecondBucketAndToFolderRestoresByteForByteAndSecondCopyUploadsNothing()
      throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String suffix = Long.toString(System.nanoTime() % 1_000_000_000L);
    s3.createBucket("copysrc-" + suffix);
    s3.createBucket("copydst-" + suffix);
    Map<String, String> env = new HashMap<>(s3Env(s3));
    env.put("VOLBACK_REPOSITORY", "s3://copysrc-" + suffix + "/repo");
    env.put("VOLBACK_PASSWORD_FILE", Cli.passwordFile(tmp, "source-pw").toString());
    Path targetPassword = Cli.passwordFile(tmp, "target-pw");
    String bucketTarget = "s3://copydst-" + suffix + "/offsite";
    Path folderTarget = tmp.resolve("folder-target");

    Path data = tmp.resolve("data");
    TestTrees.populate(data, 11);
    ok(VolbackProcess.run(env, "init"));
    ok(VolbackProcess.run(env, "backup", "--path", data.toString(), "--name", "data"));
    Files.writeString(data.resolve("added.txt"), "a second snapshot\n");
    ok(VolbackProcess.run(env, "backup", "--path", data.toString(), "--name", "data"));
    for (String target : List.of(bucketTarget, folderTarget.toString())) {
      ok(VolbackProcess.run(env, "-r", target, "-p", targetPassword.toString(), "init"));
    }

    for (String target : List.of(bucketTarget, folderTarget.toString())) {
      JsonNode first = copy(env, target, targetPassword);
      assertThat(first.get("snapshots_copied").asInt()).isEqualTo(2);
      assertThat(first.get("data_blobs").asLong()).isPositive();
      Map<String, String> targetEnv = targetEnv(env, target, targetPassword);
      Path restored = tmp.resolve("restored-" + (target.startsWith("s3:") ? "s3" : "folder"));
      ok(VolbackProcess.run(targetEnv, "restore", "latest", "--target", restored.toString()));
      assertThat(TestTrees.describe(restored)).isEqualTo(TestTrees.describe(data));
      ok(VolbackProcess.run(targetEnv, "check", "--read-data"));
      JsonNode packsBefore = stats(targetEnv);

      JsonNode second = copy(env, target, targetPassword);
      assertThat(second.get("snapshots_copied").asInt()).isZero();
      assertThat(second.get("snapshots_skipped").asInt()).isEqualTo(2);
      assertThat(second.get("packs_uploaded").asInt()).isZero();
      assertThat(second.get("snapshots").get(0).get("status").asText()).isEqualTo("skipped");
      JsonNode packsAfter = stats(targetEnv);
      assertThat(packsAfter.get("pack_count")).isEqualTo(packsBefore.get("pack_count"));
      assertThat(packsAfter.get("pack_size")).isEqualTo(packsBefore.get("pack_size"));
    }
    List<String> folderPacks;
    try (Stream<Path> files = Files.walk(folderTarget.resolve("data"))) {
      folderPacks = files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
    }
    Cli.Result text =
        ok(
            VolbackProcess.run(
                env,
                "copy",
                "--to-repo",
                folderTarget.toString(),
                "--to-password-file",
                targetPassword.toString()));
    assertThat(text.out()).contains("skipped, already copied as").contains("copied 0 snapshots");
    try (Stream<Path> files = Files.walk(folderTarget.resolve("data"))) {
      assertThat(files.filter(Files::isRegularFile).map(Path::toString).sorted().toList())
          .isEqualTo(folderPacks);
    }
  }

  @Test
  void copyBetweenRepositoriesWithSharedChunkerParamsUploadsNoDataBlobs() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    Random random = new Random(5);
    for (int i = 0; i < 4; i++) {
      byte[] content = new byte[1_500_000 + i * 700_000];
      random.nextBytes(content);
      Files.write(data.resolve("file" + i + ".bin"), content);
    }
    Path pw1 = Cli.passwordFile(tmp, "one");
    Path pw2 = Cli.passwordFile(tmp, "two");
    String source = tmp.resolve("source").toString();
    String shared = tmp.resolve("shared-params").toString();
    String own = tmp.resolve("own-params").toString();
    ok(run(source, pw1, "init"));
    ok(
        run(
            shared,
            pw2,
            "init",
            "--copy-chunker-params",
            "--from-repo",
            source,
            "--from-password-file",
            pw1.toString()));
    ok(run(own, pw2, "init"));
    for (String repo : List.of(source, shared, own)) {
      ok(
          run(
              repo,
              repo.equals(source) ? pw1 : pw2,
              "backup",
              "--path",
              data.toString(),
              "--name",
              "data"));
    }

    JsonNode sharedCopy = copy(Map.of(), source, pw1, shared, pw2);
    JsonNode ownCopy = copy(Map.of(), source, pw1, own, pw2);

    assertThat(sharedCopy.get("snapshots_copied").asInt()).isEqualTo(1);
    assertThat(sharedCopy.get("data_blobs").asLong()).isZero();
    assertThat(ownCopy.get("snapshots_copied").asInt()).isEqualTo(1);
    long contentBytes;
    try (Stream<Path> files = Files.list(data)) {
      contentBytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(sharedCopy.get("data_added").asLong()).isZero();
    // Cut with another gear table, the chunks differ, except a file short enough that neither
    // chunker cut it at all (then it is one identical blob in both): most bytes are uploaded.
    assertThat(ownCopy.get("data_added").asLong())
        .isGreaterThan(contentBytes / 2)
        .isLessThanOrEqualTo(contentBytes);
  }

  @Test
  void wrongTargetPasswordExits12NamingTheTarget() throws Exception {
    Path pw1 = Cli.passwordFile(tmp, "one");
    Path pw2 = Cli.passwordFile(tmp, "two");
    String source = tmp.resolve("source").toString();
    String target = tmp.resolve("target").toString();
    ok(run(source, pw1, "init"));
    ok(run(target, pw2, "init"));

    Cli.Result r =
        run(source, pw1, "copy", "--to-repo", target, "--to-password-file", pw1.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(12);
    assertThat(r.err())
        .startsWith("volback: error: the target repository: wrong password")
        .contains(target);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void missingTargetExits10AndJsonSaysSo() throws Exception {
    Path pw1 = Cli.passwordFile(tmp, "one");
    String source = tmp.resolve("source").toString();
    String target = tmp.resolve("nothing-here").toString();
    ok(run(source, pw1, "init"));

    Cli.Result r =
        run(
            source,
            pw1,
            "--json",
            "copy",
            "--to-repo",
            target,
            "--to-password-file",
            pw1.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(10);
    JsonNode error = JSON.readTree(r.err().strip());
    assertThat(error.get("message_type").asText()).isEqualTo("exit_error");
    assertThat(error.get("code").asInt()).isEqualTo(10);
    assertThat(error.get("message").asText()).contains("target repository").contains(target);
  }

  @Test
  void copyWithoutTargetOrIntoItselfIsAUsageError() throws Exception {
    Path pw1 = Cli.passwordFile(tmp, "one");
    String source = tmp.resolve("source").toString();
    ok(run(source, pw1, "init"));

    Cli.Result none = run(source, pw1, "copy");
    Cli.Result itself =
        run(source, pw1, "copy", "--to-repo", source + "/", "--to-password-file", pw1.toString());

    assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
    assertThat(none.err()).contains("--to-repo");
    assertThat(itself.exitCode()).as(itself.toString()).isEqualTo(2);
    assertThat(itself.err()).contains("is the source repository");
  }

  @Test
  void targetPasswordComesFromTheEnvironment() throws Exception {
    Path pw1 = Cli.passwordFile(tmp, "one");
    Path pw2 = Cli.passwordFile(tmp, "two");
    String source = tmp.resolve("source").toString();
    String target = tmp.resolve("target").toString();
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("a.txt"), "alpha\n");
    ok(run(source, pw1, "init"));
    ok(run(source, pw1, "backup", "--path", data.toString(), "--name", "data"));
    ok(run(target, pw2, "init"));

    Cli.Result r =
        VolbackProcess.run(
            Map.of("VOLBACK_TO_REPOSITORY", target, "VOLBACK_TO_PASSWORD", "two"),
            "-r",
            source,
            "-p",
            pw1.toString(),
            "copy",
            "latest");

    ok(r);
    assertThat(r.out()).containsPattern("snapshot [0-9a-f]{8} of data copied as [0-9a-f]{8}");
    Cli.Result list = ok(run(target, pw2, "--json", "snapshots"));
    assertThat(JSON.readTree(list.out())).hasSize(1);
  }

  private JsonNode copy(Map<String, String> env, String target, Path password) throws Exception {
    Cli.Result r =
        ok(
            VolbackProcess.run(
                env,
                "--json",
                "copy",
                "--to-repo",
                target,
                "--to-password-file",
                password.toString()));
    return JSON.readTree(r.out());
  }

  private JsonNode copy(
      Map<String, String> env, String source, Path sourcePw, String target, Path targetPw)
      throws Exception {
    Cli.Result r =
        ok(
            VolbackProcess.run(
                env,
                "-r",
                source,
                "-p",
                sourcePw.toString(),
                "--json",
                "copy",
                "--to-repo",
                target,
                "--to-password-file",
                targetPw.toString()));
    return JSON.readTree(r.out());
  }

  private static JsonNode stats(Map<String, String> env) throws Exception {
    return JSON.readTree(
        ok(VolbackProcess.run(env, "--json", "stats", "--mode", "raw-data")).out());
  }

  private static Cli.Result run(String repo, Path password, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("-r", repo, "-p", password.toString()));
    all.addAll(List.of(args));
    return VolbackProcess.run(Map.of(), all.toArray(String[]::new));
  }

  private static Map<String, String> targetEnv(
      Map<String, String> env, String target, Path password) {
    Map<String, String> out = new HashMap<>(env);
    out.put("VOLBACK_REPOSITORY", target);
    out.put("VOLBACK_PASSWORD_FILE", password.toString());
    return out;
  }

  private static Map<String, String> s3Env(S3ProxyServer s3) throws IOException {
    Path dir = Files.createTempDirectory("copy-s3-keys");
    Path id = Files.writeString(dir.resolve("id"), s3.accessKey() + "\n");
    Path secret = Files.writeString(dir.resolve("secret"), s3.secretKey() + "\n");
    return Map.of(
        "VOLBACK_S3_ENDPOINT", s3.endpoint().toString(),
        "VOLBACK_S3_PATH_STYLE", "true",
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID_FILE", id.toString(),
        "AWS_SECRET_ACCESS_KEY_FILE", secret.toString());
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
