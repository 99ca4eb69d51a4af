package io.volback.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.crypto.KeyFile;
import java.io.ByteArrayOutputStream;
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

  // ---- tree lines (TreeCodec) ----

  private static String treeLine(TreeNode node) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = TreeCodec.generator(out)) {
      TreeCodec.write(g, node);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assertTreeLine(FileEntry entry, List<Id> content, String golden)
      throws Exception {
    assertThat(treeLine(TreeNode.of(entry, content))).isEqualTo(golden);
    byte[] json = bytes(golden);
    TreeNode back = TreeCodec.read(json, 0, json.length, "golden tree line");
    assertThat(back.entry()).isEqualTo(entry);
    assertThat(back.contentIds()).isEqualTo(content == null ? List.of() : content);
  }

  /** A file with every field: a name that is not UTF-8, a quote, xattrs (sorted), identity, content. */
  @Test
  void aFileTreeLineIsExactlyTheGoldenJson() throws Exception {
    String path = ByteNames.decode(bytes("/d/\u00e9 \"q\" caf")) + ByteNames.decode(new byte[] {(byte) 0xE9});
    FileEntry file = FileEntry.builder(path, EntryType.FILE).mode(04755).uid(1000).gid(33)
        .mtime(Instant.parse("2016-03-01T10:15:30.123456789Z")).size(5)
        .xattrs(Map.of("user.z", "AA==", "user.a", "Yg==", "user.m", ""))
        .fileIdentity(12L, 65024L, Instant.parse("2020-01-01T00:00:00Z")).build();
    assertTreeLine(file, List.of(Id.parse(ID_A), Id.parse(ID_B)),
        "{\"path\":\"/d/\u00e9 \\\"q\\\" caf\\uDCE9\",\"type\":\"FILE\",\"mode\":2541,\"uid\":1000,"
            + "\"gid\":33,\"mtime\":\"2016-03-01T10:15:30.123456789Z\",\"size\":5,\"devMajor\":0,"
            + "\"devMinor\":0,\"xattrs\":{\"user.a\":\"Yg==\",\"user.m\":\"\",\"user.z\":\"AA==\"},"
            + "\"inode\":12,\"device\":65024,"
            + "\"ctime\":\"2020-01-01T00:00:00Z\",\"content\":[\"" + ID_A + "\",\"" + ID_B + "\"]}");
  }

  /** Zero numbers are written, absent and empty fields (link, xattrs, identity, content) are not. */
  @Test
  void aDirectoryTreeLineWritesZeroesAndLeavesOutWhatIsAbsent() throws Exception {
    assertTreeLine(FileEntry.builder("/", EntryType.DIRECTORY).build(), null,
        "{\"path\":\"/\",\"type\":\"DIRECTORY\",\"mode\":493,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}");
    assertTreeLine(FileEntry.builder("/empty", EntryType.FILE).mtime(Instant.parse(
            "2020-01-01T00:00:00.5Z")).build(), List.of(),
        "{\"path\":\"/empty\",\"type\":\"FILE\",\"mode\":420,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"2020-01-01T00:00:00.500Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}");
  }

  @Test
  void linkAndDeviceTreeLinesAreExactlyTheGoldenJson() throws Exception {
    String target = ByteNames.decode(new byte[] {(byte) 0xFF, '/', 'x'});
    assertTreeLine(FileEntry.builder("/l", EntryType.SYMLINK).linkTarget(target)
            .mtime(Instant.parse("2020-03-03T03:03:03.333333Z")).build(), null,
        "{\"path\":\"/l\",\"type\":\"SYMLINK\",\"mode\":511,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"2020-03-03T03:03:03.333333Z\",\"size\":0,\"link\":\"\\uDCFF/x\","
            + "\"devMajor\":0,\"devMinor\":0}");
    assertTreeLine(FileEntry.builder("/h", EntryType.HARDLINK).linkTarget("/d/f").build(), null,
        "{\"path\":\"/h\",\"type\":\"HARDLINK\",\"mode\":420,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"link\":\"/d/f\",\"devMajor\":0,"
            + "\"devMinor\":0}");
    assertTreeLine(FileEntry.builder("/dev/null", EntryType.CHAR_DEVICE).mode(0666).device(1, 3)
            .build(), null,
        "{\"path\":\"/dev/null\",\"type\":\"CHAR_DEVICE\",\"mode\":438,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":1,\"devMinor\":3}");
    assertTreeLine(FileEntry.builder("/p", EntryType.FIFO).build(), null,
        "{\"path\":\"/p\",\"type\":\"FIFO\",\"mode\":420,\"uid\":0,\"gid\":0,"
            + "\"mtime\":\"1970-01-01T00:00:00Z\",\"size\":0,\"devMajor\":0,\"devMinor\":0}");
  }

  @Test
  void aTreeLineWithUnknownFieldsReadsAsTheNodeWithoutThem() throws Exception {
    byte[] json = bytes("{\"future\":{\"a\":[1,2]},\"path\":\"/x\",\"type\":\"FILE\",\"mode\":420,"
        + "\"mtime\":\"2020-01-01T00:00:00Z\",\"size\":3,\"content\":[\"" + ID_A + "\"],\"z\":1}");
    TreeNode back = TreeCodec.read(json, 0, json.length, "tree line from a newer volback");
    assertThat(back.entry()).isEqualTo(FileEntry.builder("/x", EntryType.FILE).size(3)
        .mtime(Instant.parse("2020-01-01T00:00:00Z")).build());
    assertThat(back.contentIds()).containsExactly(Id.parse(ID_A));
  }

  // ---- index objects (IndexCodec) and pack headers ----

  private static final List<IndexEntry> INDEX_ENTRIES = List.of(
      new IndexEntry(Id.parse(ID_C), BlobType.DATA, Id.parse(ID_A), 0, 100, 120),
      new IndexEntry(Id.parse(ID_D), BlobType.TREE, Id.parse(ID_A), 100, 50, 400),
      new IndexEntry(Id.parse(ID_E), BlobType.DATA, Id.parse(ID_B), 0, 5_000_000, 4_194_304));

  private static final String GOLDEN_INDEX = "{\"version\":1,\"supersedes\":[],\"packs\":["
      + "{\"id\":\"" + ID_A + "\",\"blobs\":["
      + "{\"id\":\"" + ID_C + "\",\"type\":\"DATA\",\"offset\":0,\"length\":100,\"rawLength\":120},"
      + "{\"id\":\"" + ID_D + "\",\"type\":\"TREE\",\"offset\":100,\"length\":50,\"rawLength\":400}]},"
      + "{\"id\":\"" + ID_B + "\",\"blobs\":["
      + "{\"id\":\"" + ID_E + "\",\"type\":\"DATA\",\"offset\":0,\"length\":5000000,"
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
    PackHeader header = new PackHeader(1, List.of(
        new PackHeader.Blob(ID_C, BlobType.DATA, 0, 100, 120),
        new PackHeader.Blob(ID_D, BlobType.TREE, 100, 50, 400)));
    String golden = "{\"version\":1,\"blobs\":["
        + "{\"id\":\"" + ID_C + "\",\"type\":\"DATA\",\"offset\":0,\"length\":100,\"rawLength\":120},"
        + "{\"id\":\"" + ID_D + "\",\"type\":\"TREE\",\"offset\":100,\"length\":50,\"rawLength\":400}]}";
    assertThat(utf8(Json.write(header))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), PackHeader.class, "golden pack header")).isEqualTo(header);
  }

  // ---- snapshots (Json.write(Snapshot)) ----

  @Test
  void aVolumeSnapshotIsExactlyTheGoldenJson() throws Exception {
    Snapshot snapshot = new Snapshot(1, Instant.parse("2026-11-30T08:00:00.123456789Z"), "host",
        "root",
        new SourceInfo("volume", "pgdata", "unix:///var/run/docker.sock", "local",
            Map.of("type", "none"), Map.of("app", "db"), "local",
            List.of(new SourceInfo.Consumer("db", "abc", true, "/var/lib/postgresql/data", false)),
            "api"),
        List.of("nightly", "weekly"), List.of(ID_C, ID_D), ID_E,
        new SnapshotStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        new Snapshot.Skipped(1, List.of(new Snapshot.SkippedEntry(
            "/run/app.sock" + ByteNames.decode(new byte[] {(byte) 0xE9}), "socket"))));
    String golden = "{\"version\":1,\"time\":\"2026-11-30T08:00:00.123456789Z\","
        + "\"hostname\":\"host\",\"username\":\"root\","
        + "\"source\":{\"kind\":\"volume\",\"name\":\"pgdata\","
        + "\"dockerHost\":\"unix:///var/run/docker.sock\",\"driver\":\"local\","
        + "\"driverOptions\":{\"type\":\"none\"},\"labels\":{\"app\":\"db\"},\"scope\":\"local\","
        + "\"consumers\":[{\"container\":\"db\",\"id\":\"abc\",\"running\":true,"
        + "\"mountPath\":\"/var/lib/postgresql/data\",\"readOnly\":false}],\"readPath\":\"api\"},"
        + "\"tags\":[\"nightly\",\"weekly\"],\"tree\":[\"" + ID_C + "\",\"" + ID_D + "\"],"
        + "\"parent\":\"" + ID_E + "\","
        + "\"stats\":{\"files\":1,\"dirs\":2,\"others\":3,\"bytes\":4,\"filesRead\":5,"
        + "\"bytesRead\":6,\"newBlobs\":7,\"newRawBytes\":8,\"storedBytes\":9,"
        + "\"durationMillis\":10},"
        + "\"skipped\":{\"count\":1,\"entries\":[{\"path\":\"/run/app.sock\\uDCE9\","
        + "\"reason\":\"socket\"}]}}";
    assertThat(utf8(Json.write(snapshot))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), Snapshot.class, "golden snapshot")).isEqualTo(snapshot);
  }

  /** No parent, nothing skipped, a directory source: null fields are left out, empty ones kept. */
  @Test
  void aSnapshotWithoutParentOrSkippedEntriesIsExactlyTheGoldenJson() throws Exception {
    Snapshot snapshot = new Snapshot(1, Instant.parse("2026-11-30T08:00:00Z"), "h", "u",
        new SourceInfo("directory", "app", null, null, Map.of(), Map.of(), null, List.of(),
            "/srv/app"),
        List.of(), List.of(ID_C), null, new SnapshotStats(0, 1, 0, 0, 0, 0, 0, 0, 0, 0), null);
    String golden = "{\"version\":1,\"time\":\"2026-11-30T08:00:00Z\",\"hostname\":\"h\","
        + "\"username\":\"u\",\"source\":{\"kind\":\"directory\",\"name\":\"app\","
        + "\"driverOptions\":{},\"labels\":{},\"consumers\":[],\"readPath\":\"/srv/app\"},"
        + "\"tags\":[],\"tree\":[\"" + ID_C + "\"],"
        + "\"stats\":{\"files\":0,\"dirs\":1,\"others\":0,\"bytes\":0,\"filesRead\":0,"
        + "\"bytesRead\":0,\"newBlobs\":0,\"newRawBytes\":0,\"storedBytes\":0,"
        + "\"durationMillis\":0}}";
    assertThat(utf8(Json.write(snapshot))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), Snapshot.class, "golden snapshot")).isEqualTo(snapshot);
  }

  // ---- config, key file, lock ----

  @Test
  void theConfigIsExactlyTheGoldenJson() throws Exception {
    RepoConfig config = new RepoConfig(1, ID_A, 262144, 1048576, 4194304, ID_B, 2, 8388608);
    String golden = "{\"version\":1,\"id\":\"" + ID_A + "\",\"chunkerMin\":262144,"
        + "\"chunkerAvg\":1048576,\"chunkerMax\":4194304,\"gearSeed\":\"" + ID_B + "\","
        + "\"compressionLevel\":2,\"packSize\":8388608}";
    assertThat(utf8(Json.write(config))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), RepoConfig.class, "golden config")).isEqualTo(config);
  }

  @Test
  void aKeyFileIsExactlyTheGoldenJson() throws Exception {
    KeyFile key = new KeyFile(1, Instant.parse("2026-11-30T08:00:00.5Z"), "h", "u", "scrypt",
        65536, 8, 1, "c2FsdA==", "ZGF0YQ==");
    String golden = "{\"version\":1,\"created\":\"2026-11-30T08:00:00.500Z\",\"hostname\":\"h\","
        + "\"username\":\"u\",\"kdf\":\"scrypt\",\"n\":65536,\"r\":8,\"p\":1,"
        + "\"salt\":\"c2FsdA==\",\"data\":\"ZGF0YQ==\"}";
    assertThat(utf8(Json.write(key))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), KeyFile.class, "golden key")).isEqualTo(key);
  }

  @Test
  void aLockIsExactlyTheGoldenJsonAndOneWithoutTheLaterFieldsStillReads() throws Exception {
    LockInfo lock = new LockInfo(Instant.parse("2026-11-30T08:00:00Z"), false, "h", 1234, "u",
        "0123456789abcdef0123456789abcdef", Instant.parse("2026-11-30T07:59:00.25Z"),
        "6b0e5c9a-3f00-4c7e-9d2a-1f2e3d4c5b6a", "pid:[4026531836]");
    String golden = "{\"time\":\"2026-11-30T08:00:00Z\",\"exclusive\":false,\"hostname\":\"h\","
        + "\"pid\":1234,\"username\":\"u\",\"nonce\":\"0123456789abcdef0123456789abcdef\","
        + "\"processStart\":\"2026-11-30T07:59:00.250Z\","
        + "\"bootId\":\"6b0e5c9a-3f00-4c7e-9d2a-1f2e3d4c5b6a\",\"pidNamespace\":\"pid:[4026531836]\"}";
    assertThat(utf8(Json.write(lock))).isEqualTo(golden);
    assertThat(Json.read(bytes(golden), LockInfo.class, "golden lock")).isEqualTo(lock);
    String firstRelease = "{\"time\":\"2026-11-30T08:00:00Z\",\"exclusive\":true,"
        + "\"hostname\":\"h\",\"pid\":7,\"username\":\"u\"}";
    assertThat(Json.read(bytes(firstRelease), LockInfo.class, "old lock"))
        .isEqualTo(new LockInfo(Instant.parse("2026-11-30T08:00:00Z"), true, "h", 7, "u", null,
            null, null, null));
  }
}
