package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.TestTrees;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * check through the CLI on a repository with two snapshots, clean and then with one object damaged
 * at a time: a flipped byte and a truncation in each kind of object (pack, index, snapshot, key,
 * config, a tree blob and a data blob inside a pack), a missing pack, an orphaned pack, and the
 * read-data slices. Run against a folder and an S3 server by the subclasses.
 */
@Timeout(300)
abstract class CheckContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "check contract";

  @TempDir Path tmp;
  Cli cli;
  ObjectStore store;
  Path source;
  byte[] precious;
  List<String> snapshots;

  /** A CLI on a new, empty repository of the subclass's kind. */
  abstract Cli newRepositoryCli(Path passwordFile) throws Exception;

  /** The store of that repository, to damage its objects. */
  abstract ObjectStore store() throws Exception;

  @BeforeEach
  void twoSnapshots() throws Exception {
    cli = newRepositoryCli(Cli.passwordFile(tmp, PASSWORD));
    store = store();
    ok(cli.run("init"));
    source = Files.createDirectory(tmp.resolve("source"));
    TestTrees.populate(source, 11);
    // Below the chunker's minimum, so one blob whose id the test can compute.
    precious = new byte[100_000];
    new Random(7).nextBytes(precious);
    Files.write(source.resolve("precious.bin"), precious);
    ok(cli.run("backup", "--path", source.toString(), "--name", "appdata"));
    Files.writeString(source.resolve("later.txt"), "added for the second snapshot");
    ok(cli.run("backup", "--path", source.toString(), "--name", "appdata"));
    try (Repository repo = open()) {
      snapshots = repo.snapshots().stream().map(s -> s.id().hex()).toList();
    }
    assertThat(snapshots).hasSize(2);
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  // ---- a clean repository

  @Test
  void cleanRepositoryChecksCleanWithAndWithoutReadingData() throws Exception {
    Check structure = check();
    assertThat(structure.exitCode()).as(structure.raw()).isZero();
    assertThat(structure.findings()).as(structure.raw()).isEmpty();
    assertThat(structure.summary().get("num_errors").asLong()).isZero();
    assertThat(structure.summary().get("snapshots").asInt()).isEqualTo(2);
    assertThat(structure.summary().get("packs").asInt()).isEqualTo(packs().size());
    assertThat(structure.summary().get("read_data").asText()).isEqualTo("none");

    Check data = check("--read-data");
    assertThat(data.exitCode()).as(data.raw()).isZero();
    assertThat(data.findings()).as(data.raw()).isEmpty();
    assertThat(data.summary().get("read_data_packs").asInt()).isEqualTo(packs().size());
    assertThat(data.summary().get("read_data_bytes").asLong()).isEqualTo(totalSize(packs()));

    Cli.Result text = cli.run("check");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).contains("no errors were found").contains("2 snapshots");
  }

  // ---- packs

  @Test
  void flippedByteInAPackHeaderIsAnErrorNamingThePack() throws Exception {
    String pack = packs().get(0).key();
    flip(pack, size(pack) - 10);
    Check c = check();
    c.assertError(pack, "header");
  }

  @Test
  void truncatedPackIsAnErrorNamingThePackItsSnapshotsAndFiles() throws Exception {
    String pack = packOf(preciousBlob());
    truncate(pack, 10);
    Check c = check();
    JsonNode f = c.assertError(pack, "truncated");
    assertAffects(f, snapshots, "precious.bin");
  }

  @Test
  void missingPackNamesTheSnapshotsAndFilesThatDependOnIt() throws Exception {
    String pack = packOf(preciousBlob());
    store.delete(pack);
    Check c = check();
    JsonNode f = c.assertError(pack, "missing");
    assertAffects(f, snapshots, "precious.bin");
    Cli.Result text = cli.run("check");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .contains("error: " + pack + ": the pack is missing")
        .contains(snapshots.get(0).substring(0, 8))
        .contains("precious.bin")
        .contains("error");
  }

  @Test
  void orphanedPackIsInfoAndExitsZero() throws Exception {
    byte[] bytes = new byte[5000];
    new Random(3).nextBytes(bytes);
    String orphan = RepoLayout.pack(Id.sha256(bytes));
    store.put(orphan, bytes);
    Check c = check();
    assertThat(c.exitCode()).as(c.raw()).isZero();
    assertThat(c.findings()).hasSize(1);
    assertThat(c.findings().get(0).get("severity").asText()).isEqualTo("info");
    assertThat(c.findings().get(0).get("object").asText()).isEqualTo(orphan);
    assertThat(c.summary().get("orphaned_packs").asInt()).isEqualTo(1);
    assertThat(c.summary().get("num_infos").asInt()).isEqualTo(1);
  }

  // ---- blobs inside packs

  @Test
  void flippedByteInADataBlobIsFoundOnlyByReadingData() throws Exception {
    IndexEntry blob = entry(preciousBlob());
    String pack = RepoLayout.pack(blob.pack());
    flip(pack, blob.offset() + blob.length() / 2);

    // The header and the index still agree and the pack has its size: no structure check sees it.
    Check structure = check();
    assertThat(structure.exitCode()).as(structure.raw()).isZero();

    Check data = check("--read-data");
    JsonNode f = data.assertError(pack, "blob " + blob.blob().shortHex());
    assertAffects(f, snapshots, "precious.bin");
  }

  @Test
  void truncatedDataBlobIsFoundByTheSizeCheck() throws Exception {
    IndexEntry blob = entry(preciousBlob());
    String pack = RepoLayout.pack(blob.pack());
    truncate(pack, blob.offset() + blob.length() / 2);
    JsonNode f = check().assertError(pack, "truncated");
    assertAffects(f, snapshots, "precious.bin");
  }

  @Test
  void flippedByteInATreeBlobIsFoundByWalkingTheTree() throws Exception {
    IndexEntry tree = entry(firstTreeBlob());
    String pack = RepoLayout.pack(tree.pack());
    flip(pack, tree.offset() + tree.length() / 2);
    JsonNode f = check().assertError(pack, "blob " + tree.blob().shortHex());
    assertThat(f.get("message").asText()).contains("tree blob");
    assertThat(texts(f.get("snapshots"))).isNotEmpty().isSubsetOf(snapshots);
  }

  @Test
  void truncatedTreeBlobIsFoundByTheSizeCheck() throws Exception {
    IndexEntry tree = entry(firstTreeBlob());
    String pack = RepoLayout.pack(tree.pack());
    truncate(pack, tree.offset() + tree.length() / 2);
    JsonNode f = check().assertError(pack, "truncated");
    assertThat(texts(f.get("snapshots"))).isNotEmpty().isSubsetOf(snapshots);
  }

  // ---- index, snapshots, keys, config

  @Test
  void flippedByteInAnIndexObjectIsAnErrorNamingIt() throws Exception {
    String index = keys(RepoLayout.INDEX).get(0);
    flip(index, size(index) / 2);
    check().assertError(index, "");
  }

  @Test
  void truncatedIndexObjectIsAnErrorNamingIt() throws Exception {
    String index = keys(RepoLayout.INDEX).get(0);
    truncate(index, size(index) / 2);
    check().assertError(index, "");
  }

  @Test
  void flippedByteInASnapshotIsAnErrorNamingIt() throws Exception {
    String snapshot = RepoLayout.SNAPSHOTS + snapshots.get(1);
    flip(snapshot, size(snapshot) / 2);
    check().assertError(snapshot, "");
  }

  @Test
  void truncatedSnapshotIsAnErrorNamingIt() throws Exception {
    String snapshot = RepoLayout.SNAPSHOTS + snapshots.get(0);
    truncate(snapshot, 20);
    check().assertError(snapshot, "");
  }

  @Test
  void flippedByteInAKeyFileIsAnErrorNamingIt() throws Exception {
    String key = keys(RepoLayout.KEYS).get(0);
    flip(key, size(key) / 2);
    check().assertError(key, "");
  }

  @Test
  void truncatedKeyFileIsAnErrorNamingIt() throws Exception {
    String key = keys(RepoLayout.KEYS).get(0);
    truncate(key, size(key) / 2);
    check().assertError(key, "");
  }

  @Test
  void flippedByteInTheConfigIsAnErrorNamingIt() throws Exception {
    flip(RepoLayout.CONFIG, size(RepoLayout.CONFIG) / 2);
    check().assertError(RepoLayout.CONFIG, "");
  }

  @Test
  void truncatedConfigIsAnErrorNamingIt() throws Exception {
    truncate(RepoLayout.CONFIG, 10);
    check().assertError(RepoLayout.CONFIG, "");
  }

  // ---- read-data slices

  @Test
  void slicesOneAndTwoOfTwoTogetherReadEveryPackOnce() throws Exception {
    IndexEntry blob = entry(preciousBlob());
    String damaged = RepoLayout.pack(blob.pack());
    flip(damaged, blob.offset() + blob.length() / 2);

    Check first = check("--read-data-subset", "1/2");
    Check second = check("--read-data-subset", "2/2");
    List<ObjectInfo> packs = packs();
    assertThat(
            first.summary().get("read_data_packs").asInt()
                + second.summary().get("read_data_packs").asInt())
        .isEqualTo(packs.size());
    assertThat(
            first.summary().get("read_data_bytes").asLong()
                + second.summary().get("read_data_bytes").asLong())
        .isEqualTo(totalSize(packs));
    // The damaged pack is read by exactly one of them.
    assertThat(first.exitCode() + second.exitCode()).isEqualTo(1);
    assertThat(first.summary().get("read_data").asText()).isEqualTo("1/2");
  }

  @Test
  void shareOfPacksReportsItsSeedAndRepeatsWithIt() throws Exception {
    Check c = check("--read-data-subset", "50%");
    assertThat(c.exitCode()).as(c.raw()).isZero();
    long seed = c.summary().get("read_data_seed").asLong();
    int read = c.summary().get("read_data_packs").asInt();
    assertThat(read).isEqualTo((int) Math.ceil(packs().size() / 2.0));
    Check again = check("--read-data-subset", "50%", "--read-data-seed", Long.toString(seed));
    assertThat(again.summary().get("read_data_seed").asLong()).isEqualTo(seed);
    assertThat(again.summary().get("read_data_bytes").asLong())
        .isEqualTo(c.summary().get("read_data_bytes").asLong());
  }

  @Test
  void badSubsetIsAUsageErrorNamingTheOption() {
    Cli.Result r = cli.run("check", "--read-data-subset", "3/2");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--read-data-subset 3/2").doesNotContain("\tat ");
  }

  // ---- helpers

  record Check(int exitCode, List<JsonNode> findings, JsonNode summary, String raw) {
    /** The one error finding on object whose message contains text; fails when there is none. */
    JsonNode assertError(String object, String text) {
      assertThat(exitCode).as(raw).isEqualTo(1);
      assertThat(summary.get("num_errors").asLong()).as(raw).isPositive();
      return findings.stream()
          .filter(f -> f.get("severity").asText().equals("error"))
          .filter(f -> f.get("object").asText().equals(object))
          .filter(f -> f.get("message").asText().contains(text))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError("no error on " + object + " with '" + text + "' in\n" + raw));
    }
  }

  Check check(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--json", "check"));
    all.addAll(Arrays.asList(args));
    Cli.Result r = cli.run(all.toArray(String[]::new));
    assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain(PASSWORD);
    List<JsonNode> findings = new ArrayList<>();
    JsonNode summary = null;
    for (String line : r.out().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      switch (node.get("message_type").asText()) {
        case "finding" -> findings.add(node);
        case "summary" -> summary = node;
        default -> throw new AssertionError("unexpected line " + line);
      }
    }
    assertThat(summary).as(r.toString()).isNotNull();
    return new Check(r.exitCode(), findings, summary, r.toString());
  }

  static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  static void assertAffects(JsonNode finding, List<String> snapshots, String fileName) {
    assertThat(texts(finding.get("snapshots"))).containsExactlyInAnyOrderElementsOf(snapshots);
    assertThat(texts(finding.get("paths"))).anyMatch(p -> p.endsWith(fileName));
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  Repository open() throws Exception {
    return Repository.open(store(), PASSWORD.toCharArray());
  }

  Id preciousBlob() throws Exception {
    try (Repository repo = open()) {
      return repo.codec().id(precious);
    }
  }

  Id firstTreeBlob() throws Exception {
    try (Repository repo = open()) {
      StoredSnapshot s = repo.snapshots().get(0);
      return s.snapshot().treeIds().get(0);
    }
  }

  IndexEntry entry(Id blob) throws Exception {
    try (Repository repo = open()) {
      return repo.index().lookup(blob).orElseThrow();
    }
  }

  String packOf(Id blob) throws Exception {
    return RepoLayout.pack(entry(blob).pack());
  }

  List<ObjectInfo> packs() throws Exception {
    return store.list(RepoLayout.DATA).stream()
        .sorted(java.util.Comparator.comparing(ObjectInfo::key))
        .toList();
  }

  List<String> keys(String prefix) throws Exception {
    return store.list(prefix).stream().map(ObjectInfo::key).sorted().toList();
  }

  static long totalSize(List<ObjectInfo> objects) {
    return objects.stream().mapToLong(ObjectInfo::size).sum();
  }

  long size(String key) throws Exception {
    return store.stat(key).orElseThrow().size();
  }

  byte[] read(String key) throws Exception {
    try (InputStream in = store.get(key)) {
      return in.readAllBytes();
    }
  }

  void flip(String key, long offset) throws Exception {
    byte[] bytes = read(key);
    bytes[(int) offset] ^= 0x01;
    store.put(key, bytes);
  }

  void truncate(String key, long length) throws Exception {
    store.put(key, Arrays.copyOf(read(key), (int) length));
  }
}
