package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.app.ExportSnapshot;
import io.volback.repo.Id;
import io.volback.repo.RepoConfig;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.index.IndexObject;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeReader;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectStore;
import io.volback.store.StoreFactory;
import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PruneRepo is a repository for prune tests, in a folder or an S3 bucket: made with 1 MiB packs (so
 * a few backups give dozens of packs), filled by in-process backups, pruned by child volbacks, and
 * inspected through the engine API (index entries, packs, the blobs each snapshot uses).
 */
final class PruneRepo {
  static final char[] PASSWORD = "pw".toCharArray();

  final String url;
  final List<String> globals;
  final Map<String, String> env;
  final Cli cli;
  private final String s3Endpoint;

  PruneRepo(String url, Path passwordFile, String s3Endpoint, Map<String, String> env)
      throws IOException {
    this(url, passwordFile, s3Endpoint, env, true);
  }

  /** The folder repository dir made earlier (e.g. a copy of one). */
  static PruneRepo existing(Path dir, Path passwordFile) throws IOException {
    return new PruneRepo(dir.toString(), passwordFile, null, Map.of(), false);
  }

  /** A repository at url, made (with 1 MiB packs) when init, else one that exists there. */
  PruneRepo(String url, Path passwordFile, String s3Endpoint, Map<String, String> env, boolean init)
      throws IOException {
    this.url = url;
    this.s3Endpoint = s3Endpoint;
    this.env = env;
    List<String> g =
        new ArrayList<>(List.of("-r", url, "--password-file", passwordFile.toString()));
    if (s3Endpoint != null) {
      g.addAll(List.of("--s3-endpoint", s3Endpoint, "--s3-path-style"));
    }
    this.globals = List.copyOf(g);
    Cli base = new Cli(url, passwordFile);
    this.cli =
        s3Endpoint == null ? base : base.with("--s3-endpoint", s3Endpoint, "--s3-path-style");
    if (!init) {
      return;
    }
    try (Repository repo =
        Repository.init(
            store(),
            PASSWORD,
            KdfParams.CHEAP,
            RepoConfig.create(ChunkerParams.DEFAULT, RepoConfig.DEFAULT_COMPRESSION, 1 << 20))) {
      assertThat(repo.config().packSize()).isEqualTo(1 << 20);
    }
  }

  ObjectStore store() {
    return StoreFactory.open(url, s3Endpoint, s3Endpoint != null);
  }

  Repository open() throws IOException {
    return Repository.open(store(), PASSWORD);
  }

  /** Backs up dir in this JVM; returns the new snapshot's id. */
  Id backup(Path dir) throws IOException {
    Set<Id> before = snapshotIds();
    Cli.Result r = cli.run("backup", "--path", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Set<Id> after = snapshotIds();
    after.removeAll(before);
    assertThat(after).hasSize(1);
    return after.iterator().next();
  }

  Set<Id> snapshotIds() throws IOException {
    Set<Id> ids = new HashSet<>();
    try (ObjectStore store = store()) {
      for (ObjectInfo info : store.list(RepoLayout.SNAPSHOTS)) {
        ids.add(RepoLayout.idOf(info.key()));
      }
    }
    return ids;
  }

  /** What forget does: removes the snapshot object. */
  void forget(Id snapshot) throws IOException {
    try (ObjectStore store = store()) {
      store.delete(RepoLayout.snapshot(snapshot));
    }
  }

  /** A volback child process on this repository. */
  Cli.Result run(Map<String, String> extraEnv, String... args) throws Exception {
    return VolbackProcess.run(builder(extraEnv, args), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A volback child process on this repository, to start. */
  ProcessBuilder builder(Map<String, String> extraEnv, String... args) {
    List<String> all = new ArrayList<>(globals);
    all.addAll(List.of(args));
    Map<String, String> e = new HashMap<>(env);
    e.putAll(extraEnv);
    return VolbackProcess.builder(e, all.toArray(String[]::new));
  }

  Cli.Result run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  /** Every object's key and size: what the repository holds, byte sizes included. */
  long totalBytes() throws IOException {
    long total = 0;
    try (ObjectStore store = store()) {
      for (ObjectInfo info : store.list("")) {
        total += info.size();
      }
    }
    return total;
  }

  /** The SHA-256 of each snapshot's export (a tar of every file and its metadata). */
  Map<Id, String> exports() throws Exception {
    Map<Id, String> out = new TreeMap<>((a, b) -> a.hex().compareTo(b.hex()));
    try (Repository repo = open()) {
      for (StoredSnapshot s : repo.snapshots()) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
          new ExportSnapshot(repo).toStream(s, sink);
        }
        out.put(s.id(), HexFormat.of().formatHex(md.digest()));
      }
    }
    return out;
  }

  /** The blobs snapshot references (tree and data). */
  static Set<Id> usedBy(Repository repo, StoredSnapshot s) throws IOException {
    Set<Id> used = new HashSet<>(s.snapshot().treeIds());
    BlobLoader loader = repo.newBlobLoader();
    TreeReader reader = new TreeReader(loader, s.snapshot().treeIds());
    for (TreeNode n = reader.next(); n != null; n = reader.next()) {
      used.addAll(n.contentIds());
    }
    return used;
  }

  /** Stored bytes of the blobs only snapshot references, of all snapshots on storage now. */
  long bytesOnlyUsedBy(Id snapshot) throws IOException {
    try (Repository repo = open()) {
      Set<Id> only = new HashSet<>();
      Set<Id> others = new HashSet<>();
      for (StoredSnapshot s : repo.snapshots()) {
        (s.id().equals(snapshot) ? only : others).addAll(usedBy(repo, s));
      }
      only.removeAll(others);
      long bytes = 0;
      for (Id blob : only) {
        bytes += repo.index().lookup(blob).orElseThrow().length();
      }
      return bytes;
    }
  }

  /**
   * Asserts what every reader relies on: each index entry names a pack on storage and each blob a
   * snapshot uses is indexed; complete also means no pack is left that no index lists.
   */
  void assertConsistent(boolean complete) throws IOException {
    try (Repository repo = open()) {
      Set<Id> packs = new HashSet<>();
      for (ObjectInfo info : repo.store().list(RepoLayout.DATA)) {
        packs.add(RepoLayout.idOf(info.key()));
      }
      Set<Id> indexedPacks = new HashSet<>();
      for (IndexObject o : repo.indexObjects()) {
        for (IndexEntry e : o.entries()) {
          assertThat(packs).as("pack of %s in %s", e.blob(), o.key()).contains(e.pack());
          indexedPacks.add(e.pack());
        }
      }
      for (StoredSnapshot s : repo.snapshots()) {
        for (Id blob : usedBy(repo, s)) {
          assertThat(repo.index().has(blob)).as("blob %s of %s", blob, s.id()).isTrue();
        }
      }
      if (complete) {
        assertThat(indexedPacks).containsExactlyInAnyOrderElementsOf(packs);
      }
    }
  }
}
