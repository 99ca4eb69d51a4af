package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.VolbackProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local metadata cache of an S3 repository, through the real entry point against a real S3
 * server whose GETs are counted: what a second command reads from the bucket, and how a stale, a
 * damaged, an unwritable or a disabled cache behaves.
 */
@Timeout(300)
class MetadataCacheOnS3Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private S3ProxyServer s3;
  private String bucket;
  private Map<String, String> env;
  private Path data;
  private Path cache;

  @BeforeEach
  void setUp() throws Exception {
    s3 = S3ProxyServer.shared();
    bucket = "cache-" + System.nanoTime() % 1_000_000_000L;
    s3.createBucket(bucket);
    Path id = Files.writeString(tmp.resolve("id"), s3.accessKey() + "\n");
    Path secret = Files.writeString(tmp.resolve("secret"), s3.secretKey() + "\n");
    Path password = Files.writeString(tmp.resolve("pw"), "pw\n");
    cache = tmp.resolve("cache");
    env = new HashMap<>();
    env.put("VOLBACK_S3_ENDPOINT", s3.endpoint().toString());
    env.put("VOLBACK_S3_PATH_STYLE", "true");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID_FILE", id.toString());
    env.put("AWS_SECRET_ACCESS_KEY_FILE", secret.toString());
    env.put("VOLBACK_REPOSITORY", "s3://" + bucket + "/repo");
    env.put("VOLBACK_PASSWORD_FILE", password.toString());
    env.put("VOLBACK_CACHE_DIR", cache.toString());
    data = Files.createDirectory(tmp.resolve("data"));
    for (int i = 0; i < 3; i++) {
      Path dir = Files.createDirectories(data.resolve("d" + i));
      byte[] content = new byte[20_000];
      new Random(i).nextBytes(content);
      Files.write(dir.resolve("f.bin"), content);
    }
    ok(volback("--no-cache", "init"));
  }

  @Test
  void secondSnapshotsAndUnchangedBackupReadNoMetadataFromTheBucket() throws Exception {
    ok(backup());
    ok(backup()); // reads the first backup's trees, and keeps them

    int before = s3.reads(bucket).size();
    long start = System.nanoTime();
    JsonNode list = JSON.readTree(ok(volback("--json", "snapshots")).out());
    long snapshotsMs = (System.nanoTime() - start) / 1_000_000;
    int snapshotsGets = s3.reads(bucket).size() - before;
    assertThat(list).hasSize(2);
    start = System.nanoTime();
    JsonNode summary = summary(ok(backup()));
    long backupMs = (System.nanoTime() - start) / 1_000_000;
    int allGets = s3.reads(bucket).size() - before;
    assertThat(summary.get("files_unmodified").asLong()).isEqualTo(3);
    assertThat(metadataReads(before)).isEmpty();

    before = s3.reads(bucket).size();
    start = System.nanoTime();
    ok(volback("--no-cache", "snapshots"));
    long uncachedSnapshotsMs = (System.nanoTime() - start) / 1_000_000;
    int uncachedSnapshotsGets = s3.reads(bucket).size() - before;
    start = System.nanoTime();
    ok(volback("--no-cache", "--json", "backup", "--path", data.toString(), "--name", "data"));
    long uncachedBackupMs = (System.nanoTime() - start) / 1_000_000;
    int uncachedGets = s3.reads(bucket).size() - before;
    // A measurement for bench/README.md ("Round two: metadata cache"), not a gate.
    System.out.printf(
        "metadata cache: snapshots %d GETs %d ms (no cache: %d GETs %d ms);"
            + " unchanged backup %d GETs %d ms (no cache: %d GETs %d ms)%n",
        snapshotsGets,
        snapshotsMs,
        uncachedSnapshotsGets,
        uncachedSnapshotsMs,
        allGets - snapshotsGets,
        backupMs,
        uncachedGets - uncachedSnapshotsGets,
        uncachedBackupMs);
    assertThat(metadataReads(before))
        .anyMatch(k -> k.startsWith("repo/snapshots/"))
        .anyMatch(k -> k.startsWith("repo/index/"))
        .anyMatch(k -> k.startsWith("repo/data/"));
  }

  @Test
  void objectsPrunedByAnotherProcessAreNotUsedAndLeaveTheCache() throws Exception {
    ok(backup());
    Files.write(data.resolve("d0/f.bin"), new byte[] {1, 2, 3});
    ok(backup());
    ok(backup()); // keeps the trees of the first two
    JsonNode list = JSON.readTree(ok(volback("--json", "snapshots")).out());
    String first = list.get(0).get("id").asText();
    assertThat(cachedKeys("snapshots/")).hasSize(3);

    // Another machine, without this cache, forgets the first snapshot and prunes.
    ok(volback("--no-cache", "forget", first));
    ok(volback("--no-cache", "prune"));

    JsonNode after = JSON.readTree(ok(volback("--json", "snapshots")).out());
    assertThat(after).hasSize(2);
    assertThat(after.findValuesAsText("id")).doesNotContain(first);
    assertThat(cachedKeys("snapshots/")).hasSize(2).noneMatch(k -> k.endsWith(first));
    JsonNode summary = summary(ok(backup()));
    assertThat(summary.get("files_unmodified").asLong()).isEqualTo(3);
    List<String> inBucket = bucketKeys();
    for (String prefix : List.of("index/", "snapshots/", "data/")) {
      assertThat(cachedKeys(prefix)).as(prefix).allMatch(k -> inBucket.contains("repo/" + k));
    }
  }

  @Test
  void damagedCachedFilesAreDeletedFetchedAgainAndNamedInOneWarning() throws Exception {
    ok(backup());
    ok(backup());
    List<String> cached = new ArrayList<>();
    for (String prefix : List.of("index/", "snapshots/", "data/")) {
      List<String> keys = cachedKeys(prefix);
      assertThat(keys).as(prefix).isNotEmpty();
      cached.addAll(keys);
    }
    Path snapshot = repoCache().resolve(cachedKeys("snapshots/").get(0));
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(snapshot, bytes);
    Path index = repoCache().resolve(cachedKeys("index/").get(0));
    Files.write(index, new byte[0]);
    Path pack = repoCache().resolve(cachedKeys("data/").get(0));
    byte[] packBytes = Files.readAllBytes(pack);
    Files.write(pack, java.util.Arrays.copyOf(packBytes, packBytes.length - 7));

    Cli.Result snapshots = ok(volback("--json", "snapshots"));
    assertThat(JSON.readTree(snapshots.out())).hasSize(2);
    assertThat(snapshots.err()).contains("damaged copy of snapshots/").doesNotContain("ERROR");
    Cli.Result backup = ok(backup());
    assertThat(summary(backup).get("files_unmodified").asLong()).isEqualTo(3);
    assertThat(backup.err().lines().filter(l -> l.contains("damaged copy"))).hasSize(1);

    for (String key : cached) {
      assertThat(intact(repoCache().resolve(key))).as(key).isTrue();
    }
  }

  @Test
  void noCacheCreatesNothing() throws Exception {
    ok(volback("--no-cache", "backup", "--path", data.toString(), "--name", "data"));
    ok(volback("--no-cache", "snapshots"));
    assertThat(cache).doesNotExist();
  }

  @Test
  void aFolderRepositoryIsNotCached() throws Exception {
    Map<String, String> local = new HashMap<>(env);
    local.put("VOLBACK_REPOSITORY", tmp.resolve("repo").toString());
    ok(VolbackProcess.run(local, "init"));
    ok(VolbackProcess.run(local, "backup", "--path", data.toString(), "--name", "data"));
    ok(VolbackProcess.run(local, "snapshots"));
    assertThat(cache).doesNotExist();
  }

  @Test
  void anUnwritableCacheDirWarnsAndTheBackupWorks() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Cli.Result backup =
        ok(
            volback(
                "--cache-dir",
                file.toString(),
                "backup",
                "--path",
                data.toString(),
                "--name",
                "d"));
    assertThat(backup.err())
        .contains("metadata cache " + file)
        .contains("going on without it")
        .doesNotContain("Exception");
    Cli.Result list = ok(volback("--cache-dir", file.toString(), "--json", "snapshots"));
    assertThat(JSON.readTree(list.out())).hasSize(1);
  }

  private Cli.Result backup() throws Exception {
    return volback("--json", "backup", "--path", data.toString(), "--name", "data");
  }

  private static JsonNode summary(Cli.Result backup) throws IOException {
    for (String line : backup.out().lines().toList()) {
      JsonNode node = JSON.readTree(line);
      if (node.path("message_type").asText().equals("summary")) {
        return node;
      }
    }
    throw new AssertionError("no summary line in " + backup);
  }

  private Cli.Result volback(String... args) throws Exception {
    return VolbackProcess.run(env, args);
  }

  /** The reads of index/, snapshots/ and data/ objects since the first `from` reads. */
  private List<String> metadataReads(int from) {
    List<String> reads = s3.reads(bucket);
    return reads.subList(from, reads.size()).stream()
        .filter(
            k ->
                k.startsWith("repo/index/")
                    || k.startsWith("repo/snapshots/")
                    || k.startsWith("repo/data/"))
        .toList();
  }

  /** The one repository folder in the cache root. */
  private Path repoCache() throws IOException {
    try (Stream<Path> dirs = Files.list(cache)) {
      List<Path> repos = dirs.filter(Files::isDirectory).toList();
      assertThat(repos).hasSize(1);
      return repos.get(0);
    }
  }

  private List<String> cachedKeys(String prefix) throws IOException {
    Path root = repoCache();
    Path dir = root.resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .map(f -> root.relativize(f).toString())
          .sorted()
          .toList();
    }
  }

  private List<String> bucketKeys() throws Exception {
    return s3.keys(bucket);
  }

  private static boolean intact(Path file) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(hash).equals(file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
