package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.concurrent.LocalHost;
import io.volback.repo.Id;
import io.volback.repo.Json;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** key list/add/remove/passwd and unlock through the command line, on a folder and on S3. */
@Timeout(300)
class KeyAndUnlockCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;
  String repoPath;
  Cli first;
  Path data;

  @BeforeEach
  void repositoryWithOneSnapshot() throws Exception {
    repoPath = tmp.resolve("repo").toString();
    first = new Cli(repoPath, Cli.passwordFile(tmp, "first"));
    ok(first.run("init"));
    data = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(data.resolve("file"), "content");
    ok(first.run("backup", "--path", data.toString(), "--name", "www"));
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private Path newPasswordFile(String password) throws Exception {
    return Cli.passwordFile(tmp, password);
  }

  @Test
  void keyAddLetsBothPasswordsOpenAndKeyListMarksTheCurrentKey() throws Exception {
    ok(first.run("key", "add", "--new-password-file", newPasswordFile("second").toString()));
    Cli second = new Cli(repoPath, newPasswordFile("second"));
    assertThat(ok(first.run("snapshots")).out()).contains("1 snapshot");
    assertThat(ok(second.run("snapshots")).out()).contains("1 snapshot");

    JsonNode byFirst = MAPPER.readTree(ok(first.run("--json", "key", "list")).out());
    JsonNode bySecond = MAPPER.readTree(ok(second.run("key", "list", "--json")).out());
    assertThat(byFirst).hasSize(2);
    String firstId = currentId(byFirst);
    String secondId = currentId(bySecond);
    assertThat(firstId).isNotEqualTo(secondId);
    JsonNode key = byFirst.get(0);
    assertThat(key.get("short_id").asText()).isEqualTo(key.get("id").asText().substring(0, 8));
    assertThat(key.get("hostname").asText()).isEqualTo(LocalHost.name());
    assertThat(key.has("username")).isTrue();
    assertThat(Instant.parse(key.get("created").asText())).isBefore(Instant.now().plusSeconds(1));

    String text = ok(first.run("key", "list")).out();
    assertThat(text).containsPattern("\\*\\s+" + firstId.substring(0, 8));
    assertThat(text).doesNotContainPattern("\\*\\s+" + secondId.substring(0, 8));
  }

  private static String currentId(JsonNode keys) {
    String id = null;
    for (JsonNode k : keys) {
      if (k.get("current").asBoolean()) {
        assertThat(id).as("one current key").isNull();
        id = k.get("id").asText();
      }
    }
    assertThat(id).isNotNull();
    return id;
  }

  @Test
  void passwdStopsTheOldPasswordAndTheNewOneRestoresTheData() throws Exception {
    ok(first.run("key", "passwd", "--new-password-file", newPasswordFile("rotated").toString()));
    Cli rotated = new Cli(repoPath, newPasswordFile("rotated"));

    Cli.Result old = first.run("snapshots");
    assertThat(old.exitCode()).as(old.toString()).isEqualTo(ExitCode.WRONG_PASSWORD);
    assertThat(MAPPER.readTree(ok(rotated.run("--json", "key", "list")).out())).hasSize(1);
    Path target = tmp.resolve("restored");
    ok(rotated.run("restore", "latest", "--target", target.toString()));
    assertThat(Files.readString(target.resolve("file"))).isEqualTo("content");
  }

  @Test
  void removingTheLastKeyIsRefused() throws Exception {
    String id =
        MAPPER.readTree(ok(first.run("--json", "key", "list")).out()).get(0).get("id").asText();
    Cli.Result r = first.run("key", "remove", id.substring(0, 8));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(r.err()).contains("last key").doesNotContain("\tat ");
    ok(first.run("snapshots"));
  }

  @Test
  void removingTheKeyThisPasswordOpenedIsRefusedAndAnotherKeyCanRemoveIt() throws Exception {
    ok(first.run("key", "add", "--new-password-file", newPasswordFile("second").toString()));
    String firstId = currentId(MAPPER.readTree(ok(first.run("--json", "key", "list")).out()));

    Cli.Result refused = first.run("key", "remove", firstId.substring(0, 8));
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(refused.err()).contains("the one this password opened").doesNotContain("\tat ");

    Cli second = new Cli(repoPath, newPasswordFile("second"));
    ok(second.run("key", "remove", firstId.substring(0, 8)));
    assertThat(first.run("snapshots").exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD);
    ok(second.run("snapshots"));
  }

  @Test
  void keyAddRefusesAnEmptyNewPassword() throws Exception {
    Path empty = tmp.resolve("empty");
    Files.writeString(empty, "\n");
    Cli.Result r = first.run("key", "add", "--new-password-file", empty.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("empty");
    assertThat(MAPPER.readTree(ok(first.run("--json", "key", "list")).out())).hasSize(1);
  }

  @Test
  void unlockRemovesAStaleLockAndKeepsALiveOneRemoveAllRemovesBoth() throws Exception {
    ObjectStore store = new LocalFolderStore(Path.of(repoPath));
    try (Repository repo = Repository.open(store, "first".toCharArray());
        RepositoryLock live = repo.lock(LockMode.SHARED, Duration.ofSeconds(5))) {
      String stale = deadProcessLock(repo);

      JsonNode removed = MAPPER.readTree(ok(first.run("--json", "unlock")).out()).get("removed");
      assertThat(removed).hasSize(1);
      assertThat(removed.get(0).get("key").asText()).isEqualTo(stale);
      assertThat(removed.get(0).get("reason").asText()).contains("is gone");
      assertThat(store.list(RepoLayout.LOCKS)).hasSize(1);

      deadProcessLock(repo);
      Cli.Result all = ok(first.run("unlock", "--remove-all"));
      assertThat(all.err()).contains("warning").contains("may break");
      assertThat(all.out()).contains("2 removed");
      assertThat(store.list(RepoLayout.LOCKS)).isEmpty();
    }
  }

  /** A lock as a volback of this host whose process has ended would have left it. */
  private static String deadProcessLock(Repository repo) throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("time", Instant.now().toString());
    lock.put("exclusive", false);
    lock.put("hostname", LocalHost.name());
    lock.put("pid", p.pid());
    lock.put("username", "someone");
    lock.put("nonce", "00112233445566778899aabbccddeeff");
    lock.put("bootId", Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
    lock.put("pidNamespace", Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
    byte[] sealed = repo.sealer().seal(Json.write(lock));
    String key = RepoLayout.lock(Id.sha256(sealed));
    repo.store().put(key, sealed);
    return key;
  }

  @Test
  void keyPasswdOnS3StopsTheOldPassword() throws Exception {
    S3ProxyServer s3 = S3ProxyServer.shared();
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    try {
      String bucket = "keys-" + UUID.randomUUID().toString().substring(0, 8);
      s3.createBucket(bucket);
      String[] endpoint = {"--s3-endpoint", s3.endpoint().toString(), "--s3-path-style"};
      String repo = "s3://" + bucket + "/volback";
      Cli one = new Cli(repo, Cli.passwordFile(tmp, "one")).with(endpoint);
      Cli two = new Cli(repo, Cli.passwordFile(tmp, "two")).with(endpoint);
      ok(one.run("init"));
      ok(one.run("backup", "--path", data.toString(), "--name", "www"));
      ok(one.run("key", "passwd", "--new-password-file", Cli.passwordFile(tmp, "two").toString()));
      assertThat(one.run("snapshots").exitCode()).isEqualTo(ExitCode.WRONG_PASSWORD);
      assertThat(ok(two.run("snapshots")).out()).contains("1 snapshot");
      ok(two.run("unlock"));
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
