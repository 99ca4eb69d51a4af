package io.volback.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.ByteNames;
import io.volback.repo.crypto.KeyFile;
import io.volback.repo.index.IndexCodec;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.lock.LockInfo;
import io.volback.repo.pack.PackHeader;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SnapshotStats;
import io.volback.repo.snapshot.SourceInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the repository format (docs/repository-format.md, version 1): each JSON object
 * volback stores is written exactly as the literal here, field names, order and encoding included,
 * and the literal reads back as the object. A failure here is a format change: old repositories
 * would no longer read, or new ones would not read in an older volback. Do not update a literal to
 * make a test pass; change the code back, or write down a new format version.
 */
class GoldenFormatTest {
  private static final String ID_A = "aa".repeat(32);
  private static final String ID_B = "bb".repeat(32);
  private static final String ID_C = "0123456789abcdef".repeat(4);
  private static final String ID_D = "fedcba9876543210".repeat(4);
  private static final String ID_E = "00".repeat(31) + "01";

  private static String utf8(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  // ---- index objects (IndexCodec) and pack headers ----

  private static final List<IndexEntry> INDEX_ENTRIES =
      List.of(
          new IndexEntry(Id.parse(ID_C), BlobType.DATA, Id.parse(ID_A), 0, 100, 120),
          new IndexEntry(Id.parse(ID_D), BlobType.TREE, Id.parse(ID_A), 100, 50, 400),
          new IndexEntry(Id.parse(ID_E), BlobType.DATA, Id.parse(ID_B), 0, 5_000_000, 4_194_304));

  private static final String GOLDEN_INDEX =
      "{\"version\":1,\"supersedes\":[],\"packs\":["
          + "{\"id\":\""
          + ID_A
          + "\",\"blobs\":["
          + "{\"id\":\""
          + ID_C
          + "\",\"type\":\"DATA\",\"offset\":0,\"length\":100,\"rawLength\":120},"
          + "{\"id\":\""
          + ID_D
          + "\",\"type\":\"TREE\",\"offset\":100,\"length\":50,\"rawLength\":400}]},"
          + "{\"id\":\""
          + ID_B
          + "\",\"blobs\":["
          + "{\"id\":\""
          + ID_E
          + "\",\"type\":\"DATA\",\"offset\":0,\"length\":5000000,"
          + "\"rawLength\":4194304}]}]}";

  @Test
  void anIndexObjectIsExactlyTheGoldenJson() throws Exception {
    assertThat(utf8(IndexCodec.write(INDEX_ENTRIES))).isEqualTo(GOLDEN_INDEX);
    assertThat(IndexCodec.read(bytes(GOLDEN_INDEX), "golden index")).isEqualTo(INDEX_ENTRIES);
  }

  @Test
  void anEmptyIndexObjectIsExactlyTheGoldenJson() throws Exception {
    String golden = "{\"version\":1,\"supersedes\":[],\"packs\":[]}";
    assertThat(utf8(IndexCodec.write(List.of()))).isEqualTo(golden);
    assertThat(IndexCodec.read(bytes(golden), "golden index")).isEmpty();
  }

  @Test
  void aPackHeaderIsExactlyTheGoldenJson() throws Exception {
    PackHeader header =
        new PackHeader(
            1,
            List.of(
                new PackHeader.Blob(Id.parse(ID_C), BlobType.DATA, 0, 100, 120),
                new PackHeader.Blob(Id.parse(ID_D), BlobType.TREE, 100, 50, 400)));
    String golden =
        "{\"version\":1,\"blobs\":["
            + "{\"id\":\""
            + ID_C
            + "\",\"type\":\"DATA\",\"offset\":0,\"length\":100,\"rawLength\":120},"
            + "{\"id\":\""
            + ID_D
            + "\",\"type\":\"TREE\",\"offset\":100,\"length\":50,\"rawLength\":400}]}";
    assertThat(utf8(Json.write(header))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), PackHeader.class, "golden pack header")).isEqualTo(header);
  }

  // ---- snapshots (Json.write(Snapshot)) ----

  @Test
  void aVolumeSnapshotIsExactlyTheGoldenJson() throws Exception {
    Snapshot snapshot =
        new Snapshot(
            1,
            Instant.parse("2026-11-30T08:00:00.123456789Z"),
            "host",
            "root",
            SourceInfo.volume("pgdata")
                .dockerHost("unix:///var/run/docker.sock", null)
                .driver("local", Map.of("type", "none"))
                .labels(Map.of("app", "db"))
                .scope("local")
                .consumers(
                    List.of(
                        new SourceInfo.Consumer(
                            "db", "abc", true, "/var/lib/postgresql/data", false)))
                .readPath("api")
                .build(),
            List.of("nightly", "weekly"),
            List.of(ID_C, ID_D),
            ID_E,
            new SnapshotStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
            new Snapshot.Skipped(
                1,
                List.of(
                    new Snapshot.SkippedEntry(
                        "/run/app.sock" + ByteNames.decode(new byte[] {(byte) 0xE9}), "socket"))));
    String golden =
        "{\"version\":1,\"time\":\"2026-11-30T08:00:00.123456789Z\","
            + "\"hostname\":\"host\",\"username\":\"root\","
            + "\"source\":{\"kind\":\"volume\",\"name\":\"pgdata\","
            + "\"dockerHost\":\"unix:///var/run/docker.sock\",\"driver\":\"local\","
            + "\"driverOptions\":{\"type\":\"none\"},\"labels\":{\"app\":\"db\"},\"scope\":\"local\","
            + "\"consumers\":[{\"container\":\"db\",\"id\":\"abc\",\"running\":true,"
            + "\"mountPath\":\"/var/lib/postgresql/data\",\"readOnly\":false}],\"readPath\":\"api\"},"
            + "\"tags\":[\"nightly\",\"weekly\"],\"tree\":[\""
            + ID_C
            + "\",\""
            + ID_D
            + "\"],"
            + "\"parent\":\""
            + ID_E
            + "\","
            + "\"stats\":{\"files\":1,\"dirs\":2,\"others\":3,\"bytes\":4,\"filesRead\":5,"
            + "\"bytesRead\":6,\"newBlobs\":7,\"newRawBytes\":8,\"storedBytes\":9,"
            + "\"durationMillis\":10},"
            + "\"skipped\":{\"count\":1,\"entries\":[{\"path\":\"/run/app.sock\\uDCE9\","
            + "\"reason\":\"socket\"}]}}";
    assertThat(utf8(Json.write(snapshot))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), Snapshot.class, "golden snapshot")).isEqualTo(snapshot);
  }

  /**
   * No parent, nothing skipped, a directory source as written before the path had its own field (in
   * readPath): null fields are left out, empty ones kept, and the path still reads.
   */
  @Test
  void aSnapshotWithoutParentOrSkippedEntriesIsExactlyTheGoldenJson() throws Exception {
    Snapshot snapshot =
        new Snapshot(
            1,
            Instant.parse("2026-11-30T08:00:00Z"),
            "h",
            "u",
            new SourceInfo(
                "directory",
                "app",
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                null,
                List.of(),
                "/srv/app"),
            List.of(),
            List.of(ID_C),
            null,
            new SnapshotStats(0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
            null);
    String golden =
        "{\"version\":1,\"time\":\"2026-11-30T08:00:00Z\",\"hostname\":\"h\","
            + "\"username\":\"u\",\"source\":{\"kind\":\"directory\",\"name\":\"app\","
            + "\"driverOptions\":{},\"labels\":{},\"consumers\":[],\"readPath\":\"/srv/app\"},"
            + "\"tags\":[],\"tree\":[\""
            + ID_C
            + "\"],"
            + "\"stats\":{\"files\":0,\"dirs\":1,\"others\":0,\"bytes\":0,\"filesRead\":0,"
            + "\"bytesRead\":0,\"newBlobs\":0,\"newRawBytes\":0,\"storedBytes\":0,"
            + "\"durationMillis\":0}}";
    assertThat(utf8(Json.write(snapshot))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), Snapshot.class, "golden snapshot")).isEqualTo(snapshot);
    assertThat(snapshot.source().directoryPath()).isEqualTo("/srv/app");
  }

  /** Since format additions of issue 10: a directory's path and a volume's Docker engine ID. */
  @Test
  void theDirectoryPathAndTheEngineIdHaveTheirOwnFields() throws Exception {
    SourceInfo directory = SourceInfo.directory("app", "/srv/app");
    assertThat(utf8(Json.write(directory)))
        .isEqualTo(
            "{\"kind\":\"directory\",\"name\":\"app\",\"path\":\"/srv/app\","
                + "\"driverOptions\":{},\"labels\":{},\"consumers\":[],"
                + "\"readPath\":\"directory\"}");
    assertThat(directory.directoryPath()).isEqualTo("/srv/app");
    SourceInfo volume =
        SourceInfo.volume("v")
            .dockerHost("unix:///var/run/docker.sock", "7c2f:engine")
            .readPath("api")
            .build();
    assertThat(utf8(Json.write(volume)))
        .isEqualTo(
            "{\"kind\":\"volume\",\"name\":\"v\",\"dockerHost\":\"unix:///var/run/docker.sock\","
                + "\"dockerEngineId\":\"7c2f:engine\",\"driverOptions\":{},\"labels\":{},"
                + "\"consumers\":[],\"readPath\":\"api\"}");
    assertThat(Json.read(Json.write(volume), SourceInfo.class, "source")).isEqualTo(volume);
  }

  // ---- config, key file, lock ----

  @Test
  void theConfigIsExactlyTheGoldenJson() throws Exception {
    RepoConfig config = new RepoConfig(1, ID_A, 262144, 1048576, 4194304, ID_B, 2, 8388608);
    String golden =
        "{\"version\":1,\"id\":\""
            + ID_A
            + "\",\"chunkerMin\":262144,"
            + "\"chunkerAvg\":1048576,\"chunkerMax\":4194304,\"gearSeed\":\""
            + ID_B
            + "\","
            + "\"compressionLevel\":2,\"packSize\":8388608}";
    assertThat(utf8(Json.write(config))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), RepoConfig.class, "golden config")).isEqualTo(config);
  }

  @Test
  void aKeyFileIsExactlyTheGoldenJson() throws Exception {
    KeyFile key =
        new KeyFile(
            1,
            Instant.parse("2026-11-30T08:00:00.5Z"),
            "h",
            "u",
            "scrypt",
            65536,
            8,
            1,
            "c2FsdA==",
            "ZGF0YQ==");
    String golden =
        "{\"version\":1,\"created\":\"2026-11-30T08:00:00.500Z\",\"hostname\":\"h\","
            + "\"username\":\"u\",\"kdf\":\"scrypt\",\"n\":65536,\"r\":8,\"p\":1,"
            + "\"salt\":\"c2FsdA==\",\"data\":\"ZGF0YQ==\"}";
    assertThat(utf8(Json.write(key))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), KeyFile.class, "golden key")).isEqualTo(key);
  }

  @Test
  void aLockIsExactlyTheGoldenJsonAndOneWithoutTheLaterFieldsStillReads() throws Exception {
    LockInfo lock =
        new LockInfo(
            Instant.parse("2026-11-30T08:00:00Z"),
            false,
            "h",
            1234,
            "u",
            "0123456789abcdef0123456789abcdef",
            Instant.parse("2026-11-30T07:59:00.25Z"),
            "6b0e5c9a-3f00-4c7e-9d2a-1f2e3d4c5b6a",
            "pid:[4026531836]");
    String golden =
        "{\"time\":\"2026-11-30T08:00:00Z\",\"exclusive\":false,\"hostname\":\"h\","
            + "\"pid\":1234,\"username\":\"u\",\"nonce\":\"0123456789abcdef0123456789abcdef\","
            + "\"processStart\":\"2026-11-30T07:59:00.250Z\","
            + "\"bootId\":\"6b0e5c9a-3f00-4c7e-9d2a-1f2e3d4c5b6a\",\"pidNamespace\":\"pid:[4026531836]\"}";
    assertThat(utf8(Json.write(lock))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), LockInfo.class, "golden lock")).isEqualTo(lock);
    String firstRelease =
        "{\"time\":\"2026-11-30T08:00:00Z\",\"exclusive\":true,"
            + "\"hostname\":\"h\",\"pid\":7,\"username\":\"u\"}";
    assertThat(Json.read(bytes(firstRelease), LockInfo.class, "old lock"))
        .isEqualTo(
            new LockInfo(
                Instant.parse("2026-11-30T08:00:00Z"), true, "h", 7, "u", null, null, null, null));
  }
}
