package io.volback.repo;

import io.volback.concurrent.LocalHost;
import io.volback.repo.chunker.Chunker;
import io.volback.repo.chunker.GearTable;
import io.volback.repo.crypto.AuthenticationFailedException;
import io.volback.repo.crypto.BlobHasher;
import io.volback.repo.crypto.KdfParams;
import io.volback.repo.crypto.KeyFile;
import io.volback.repo.crypto.MasterKey;
import io.volback.repo.crypto.Sealer;
import io.volback.repo.drill.DrillRecord;
import io.volback.repo.drill.StoredDrill;
import io.volback.repo.index.Index;
import io.volback.repo.index.IndexCodec;
import io.volback.repo.index.IndexObject;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.pack.BlobCodec;
import io.volback.repo.pack.BlobLoader;
import io.volback.repo.pack.BlobSaver;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SnapshotList;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repository is an opened repository: its store, keys and configuration, and (loaded on first use)
 * its index. Create one with init() or open().
 */
public final class Repository implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Repository.class);

  /** How long backup and restore wait for a conflicting lock (a running prune) to go away. */
  public static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  private volatile Duration lockWait; // null: not set, LOCK_WAIT

  private final ObjectStore store;
  private final RepoConfig config;
  private final Sealer sealer;
  private final BlobCodec codec;
  private final Chunker chunker;
  private final MasterKey masterKey;
  private final String keyName;
  private Index index;
  private Preloader preloader;

  private Repository(ObjectStore store, MasterKey key, String keyName, RepoConfig config) {
    this.store = store;
    this.masterKey = key;
    this.keyName = keyName;
    this.config = config;
    this.sealer = Sealer.forMasterKey(key);
    this.codec = new BlobCodec(sealer, new BlobHasher(key), config.compressionLevel());
    this.chunker = new Chunker(GearTable.fromSeed(config.gearSeedBytes()), config.chunkerParams());
  }

  /**
   * Creates a new repository in store; refuses when one exists there already. Of two inits racing
   * on one store, the one whose config is stored wins: the config is created only where none exists
   * and read back (a store that cannot refuse atomically lets the last writer win), and only the
   * winner then writes its key, so the loser leaves nothing behind.
   */
  public static Repository init(
      ObjectStore store, char[] password, KdfParams kdf, RepoConfig config) throws IOException {
    if (store.stat(RepoLayout.CONFIG).isPresent()) {
      throw alreadyExists(store);
    }
    if (!store.isEmpty()) {
      if (store.list(RepoLayout.CONFIG).stream().anyMatch(o -> o.key().equals(RepoLayout.CONFIG))) {
        throw alreadyExists(store); // a racing init stored its config meanwhile
      }
      // Another tool's files, or a repository whose config was lost: neither is ours to mix into.
      throw new RepositoryException(
          store.location()
              + " is not empty and holds no repository (no config):"
              + " init needs an empty or new folder or S3 prefix");
    }
    MasterKey key = MasterKey.random();
    byte[] keyFile =
        Json.write(
            KeyFile.wrap(key, password, kdf, LocalHost.name(), System.getProperty("user.name")));
    String keyName = RepoLayout.key(Id.sha256(keyFile));
    Repository repo = new Repository(store, key, keyName, config);
    byte[] sealedConfig = repo.sealer.seal(Json.write(config));
    store.putIfAbsent(RepoLayout.CONFIG, sealedConfig);
    if (!storedConfigIs(store, sealedConfig)) {
      throw alreadyExists(store);
    }
    try {
      store.put(keyName, keyFile);
    } catch (IOException e) {
      // A config without a key would block every later init here.
      deleteQuietly(store, RepoLayout.CONFIG, e);
      throw e;
    }
    // Once more, for stores that cannot refuse: a racing init may have replaced the config since.
    if (!storedConfigIs(store, sealedConfig)) {
      RepositoryException lost = alreadyExists(store);
      deleteQuietly(store, keyName, lost);
      throw lost;
    }
    return repo;
  }

  // Sealed bytes carry a random nonce, so equal bytes mean this init wrote them.
  private static boolean storedConfigIs(ObjectStore store, byte[] sealedConfig) throws IOException {
    try (InputStream in = store.get(RepoLayout.CONFIG)) {
      return java.util.Arrays.equals(in.readAllBytes(), sealedConfig);
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }

  private static void deleteQuietly(ObjectStore store, String key, Exception failure) {
    try {
      store.delete(key);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private static RepositoryException alreadyExists(ObjectStore store) {
    return new RepositoryException("a repository already exists at " + store.location());
  }

  /** Preload says which objects to fetch while the key is derived. */
  public enum Preload {
    NOTHING(List.of()),
    SNAPSHOTS(List.of(RepoLayout.SNAPSHOTS)),
    SNAPSHOTS_AND_INDEX(List.of(RepoLayout.SNAPSHOTS, RepoLayout.INDEX));

    private final List<String> prefixes;

    Preload(List<String> prefixes) {
      this.prefixes = prefixes;
    }
  }

  /** Opens the repository in store with password. */
  public static Repository open(ObjectStore store, char[] password) throws IOException {
    return open(store, password, Preload.NOTHING);
  }

  /** Opens the repository, fetching what preload names in the background meanwhile. */
  public static Repository open(ObjectStore store, char[] password, Preload preload)
      throws IOException {
    long start = System.nanoTime();
    byte[] sealedConfig;
    try (InputStream in = store.get(RepoLayout.CONFIG)) {
      sealedConfig = in.readAllBytes();
    } catch (ObjectNotFoundException e) {
      throw new RepositoryNotFoundException(store.location());
    }
    Preloader preloader =
        preload == Preload.NOTHING ? null : Preloader.start(store, preload.prefixes);
    Unlocked unlocked = unlock(store, password);
    MasterKey key = unlocked.key();
    Sealer sealer = Sealer.forMasterKey(key);
    RepoConfig config;
    try {
      config = Json.read(sealer.open(sealedConfig), RepoConfig.class, "config");
    } catch (AuthenticationFailedException e) {
      throw new CorruptObjectException(
          "the repository config at "
              + store.location()
              + " does not verify with the repository key");
    }
    if (config.version() != RepoConfig.FORMAT_VERSION) {
      throw new RepositoryException(
          "repository format version "
              + config.version()
              + " is not supported by this volback (supports "
              + RepoConfig.FORMAT_VERSION
              + ")");
    }
    LOG.debug(
        "opened repository {} in {} ms", store.location(), (System.nanoTime() - start) / 1_000_000);
    Repository repo = new Repository(store, key, unlocked.keyName(), config);
    repo.preloader = preloader;
    return repo;
  }

  /** The master key and the key file that gave it. */
  private record Unlocked(MasterKey key, String keyName) {}

  /** Tries every key file; a damaged one is named in a warning and skipped. */
  private static Unlocked unlock(ObjectStore store, char[] password) throws IOException {
    List<ObjectInfo> keys = store.list(RepoLayout.KEYS);
    List<String> damaged = new ArrayList<>();
    for (ObjectInfo info : keys) {
      KeyFile keyFile;
      try {
        keyFile = readKeyFile(store, info.key());
      } catch (ObjectNotFoundException removedMeanwhile) {
        continue;
      } catch (CorruptObjectException e) {
        LOG.warn("skipping key file: {}", e.getMessage());
        damaged.add(e.getMessage());
        continue;
      }
      try {
        return new Unlocked(keyFile.unwrap(password), info.key());
      } catch (AuthenticationFailedException wrongPassword) {
        // try the next key
      }
    }
    if (damaged.size() == keys.size()) {
      throw new RepositoryException(
          "repository "
              + store.location()
              + " has no usable key"
              + (damaged.isEmpty() ? "" : ": " + String.join("; ", damaged)));
    }
    if (!damaged.isEmpty()) {
      throw new RepositoryException(
          new WrongPasswordException(store.location()).getMessage()
              + " (damaged key files skipped: "
              + String.join("; ", damaged)
              + ")");
    }
    throw new WrongPasswordException(store.location());
  }

  /**
   * Reads the key file under key and checks that it can be tried (its name, JSON and parameters),
   * without a password; CorruptObjectException names it when it cannot.
   */
  public static KeyFile readKeyFile(ObjectStore store, String key) throws IOException {
    byte[] bytes;
    try (InputStream in = store.get(key)) {
      bytes = in.readAllBytes();
    }
    RepoLayout.verifyName(key, bytes);
    KeyFile keyFile = Json.read(bytes, KeyFile.class, key);
    try {
      keyFile.check();
    } catch (IllegalArgumentException e) {
      throw new CorruptObjectException(key + " cannot be used: " + e.getMessage());
    }
    return keyFile;
  }

  /** The id of the key file whose password opened (or created) this repository. */
  public Id currentKeyId() {
    return RepoLayout.idOf(keyName);
  }

  /**
   * Engine API (key list): every key file that can be read, by id; a damaged one is named in a
   * warning and left out.
   */
  public List<StoredKey> keys() throws IOException {
    List<StoredKey> out = new ArrayList<>();
    for (ObjectInfo info : store.list(RepoLayout.KEYS)) {
      try {
        out.add(new StoredKey(RepoLayout.idOf(info.key()), readKeyFile(store, info.key())));
      } catch (ObjectNotFoundException removedMeanwhile) {
        // removed by a concurrent key remove
      } catch (CorruptObjectException e) {
        LOG.warn("skipping key file: {}", e.getMessage());
      }
    }
    return out;
  }

  /**
   * Engine API (key add): stores a new key file that wraps this repository's master key with
   * password, checks that it reads back and opens, and returns its id. Data is not touched.
   */
  public Id addKey(char[] password, KdfParams kdf) throws IOException {
    byte[] bytes =
        Json.write(
            KeyFile.wrap(
                masterKey, password, kdf, LocalHost.name(), System.getProperty("user.name")));
    Id id = Id.sha256(bytes);
    String name = RepoLayout.key(id);
    store.put(name, bytes);
    try {
      readKeyFile(store, name).unwrap(password);
    } catch (AuthenticationFailedException | IllegalArgumentException e) {
      deleteQuietly(store, name, e);
      throw new RepositoryException("the new key " + name + " does not open after writing it", e);
    }
    return id;
  }

  /** Engine API (key remove): deletes the key file id; the caller decides whether it may go. */
  public void removeKey(Id id) throws IOException {
    store.delete(RepoLayout.key(id));
  }

  /** Engine API (unlock): removes stale locks, or every lock with all; says which. */
  public List<RepositoryLock.RemovedLock> removeLocks(boolean all) throws IOException {
    return RepositoryLock.removeLocks(store, sealer, all);
  }

  public ObjectStore store() {
    return store;
  }

  public RepoConfig config() {
    return config;
  }

  /** Engine API: the chunker that cuts file content with this repository's parameters. */
  public Chunker chunker() {
    return chunker;
  }

  /**
   * Engine API: the codec that encodes blobs and verifies them (tag and keyed hash) on decoding.
   */
  public BlobCodec codec() {
    return codec;
  }

  /** Engine API: the sealer of this repository's objects (index, snapshots, locks). */
  public Sealer sealer() {
    return sealer;
  }

  /** The index of all blobs, loaded from the index objects on first use. */
  public synchronized Index index() throws IOException {
    if (index == null) {
      long start = System.nanoTime();
      Index loaded = new Index();
      for (Preloader.Raw raw : objects(RepoLayout.INDEX)) {
        IndexCodec.read(unseal(raw), raw.key(), loaded::add);
      }
      index = loaded;
      store.treePacks(
          loaded.packsOnlyOf(BlobType.TREE).stream().map(RepoLayout::pack).toList(), true);
      LOG.debug(
          "loaded index of {} blobs in {} ms",
          loaded.size(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return index;
  }

  /**
   * Engine API (prune, check): every index object on storage with all the entries it lists, read
   * now; a blob listed twice appears twice. A damaged index object fails with its key.
   */
  public List<IndexObject> indexObjects() throws IOException {
    List<IndexObject> out = new ArrayList<>();
    for (Preloader.Raw raw : objects(RepoLayout.INDEX)) {
      out.add(new IndexObject(raw.key(), IndexCodec.read(unseal(raw), raw.key())));
    }
    return out;
  }

  /** Takes a shared (backup, restore) or exclusive (prune) lock, waiting up to timeout. */
  /** How long {@link #lock(LockMode)} waits for a lock another process holds (--retry-lock). */
  public void setLockWait(Duration wait) {
    this.lockWait = wait;
  }

  /** The lock wait set with setLockWait, else fallback. */
  public Duration lockWaitOr(Duration fallback) {
    Duration wait = lockWait;
    return wait != null ? wait : fallback;
  }

  /** Takes a lock, waiting for another process's at most the lock wait (default LOCK_WAIT). */
  public RepositoryLock lock(LockMode mode) throws IOException {
    return lock(mode, lockWaitOr(LOCK_WAIT));
  }

  public RepositoryLock lock(LockMode mode, Duration timeout) throws IOException {
    RepositoryLock lock = RepositoryLock.acquire(store, sealer, mode, timeout);
    if (mode == LockMode.EXCLUSIVE) {
      forgetWhatWasReadBeforeTheLock();
    }
    return lock;
  }

  /**
   * What was read before an exclusive lock (preloaded snapshots and index objects, the loaded
   * index) may miss a backup that finished meanwhile; a prune deciding on it would delete that
   * backup's data. The holder of the exclusive lock reads everything again.
   */
  private synchronized void forgetWhatWasReadBeforeTheLock() {
    index = null;
    preloader = null;
  }

  /**
   * Every readable snapshot, oldest first; a damaged one is named in a warning and left out, so
   * that it does not stop backups (which look for parents here).
   */
  public List<StoredSnapshot> snapshots() throws IOException {
    SnapshotList list = snapshotList();
    for (SnapshotList.Damaged d : list.damaged()) {
      LOG.warn("skipping damaged snapshot: {}", d.problem());
    }
    return list.snapshots();
  }

  /** Every readable snapshot, oldest first, and the snapshot objects that could not be read. */
  public SnapshotList snapshotList() throws IOException {
    long start = System.nanoTime();
    List<StoredSnapshot> out = new ArrayList<>();
    List<SnapshotList.Damaged> damaged = new ArrayList<>();
    for (Preloader.Raw raw : objects(RepoLayout.SNAPSHOTS)) {
      try {
        Snapshot s = Json.read(unseal(raw), Snapshot.class, raw.key());
        out.add(new StoredSnapshot(RepoLayout.idOf(raw.key()), s));
      } catch (CorruptObjectException e) {
        damaged.add(new SnapshotList.Damaged(raw.key(), e.getMessage()));
      }
    }
    out.sort(
        Comparator.comparing((StoredSnapshot s) -> s.snapshot().time())
            .thenComparing(StoredSnapshot::id));
    LOG.debug("loaded {} snapshots in {} ms", out.size(), (System.nanoTime() - start) / 1_000_000);
    return new SnapshotList(out, damaged);
  }

  /** The objects under prefix: preloaded ones the first time, else fetched now. */
  private List<Preloader.Raw> objects(String prefix) throws IOException {
    return objects(prefix, key -> true);
  }

  /** The objects under prefix whose keys wanted accepts, as stored. */
  private List<Preloader.Raw> objects(String prefix, Predicate<String> wanted) throws IOException {
    List<Preloader.Raw> raws = preloader == null ? null : preloader.take(prefix);
    if (raws != null) {
      return raws.stream().filter(r -> wanted.test(r.key())).toList();
    }
    raws = new ArrayList<>();
    for (ObjectInfo info : store.list(prefix)) {
      if (!wanted.test(info.key())) {
        continue;
      }
      try (InputStream in = store.get(info.key())) {
        raws.add(new Preloader.Raw(info.key(), in.readAllBytes()));
      } catch (ObjectNotFoundException removedMeanwhile) {
        // listed, then deleted (by a prune): it is not part of the repository any more
      }
    }
    return raws;
  }

  /** Opens an object read by name, after checking that its name is the hash of its bytes. */
  private byte[] unseal(Preloader.Raw raw) throws CorruptObjectException {
    return unseal(raw.key(), raw.bytes());
  }

  /**
   * Engine API: the plaintext of the sealed object bytes stored under key (index/, snapshots/),
   * after checking that its name is the hash of its bytes; CorruptObjectException names key.
   */
  public byte[] unseal(String key, byte[] bytes) throws CorruptObjectException {
    RepoLayout.verifyName(key, bytes);
    try {
      return sealer.open(bytes);
    } catch (AuthenticationFailedException e) {
      throw new CorruptObjectException(key + " failed authentication (modified or damaged)");
    }
  }

  /** Engine API: stores snapshot; call it only once every blob it references is indexed. */
  public StoredSnapshot saveSnapshot(Snapshot snapshot) throws IOException {
    byte[] sealed = sealer.seal(Json.write(snapshot));
    Id id = Id.sha256(sealed);
    store.put(RepoLayout.snapshot(id), sealed);
    return new StoredSnapshot(id, snapshot);
  }

  /** Stores a drill record (sealed, named by its hash, like a snapshot). */
  public StoredDrill saveDrill(DrillRecord drill) throws IOException {
    byte[] sealed = sealer.seal(Json.write(drill));
    Id id = Id.sha256(sealed);
    store.put(RepoLayout.drill(id), sealed);
    return new StoredDrill(id, drill);
  }

  /**
   * Every readable drill record, oldest first; a damaged one is skipped with a warning (a drill
   * record is a report, nothing depends on it).
   */
  public List<StoredDrill> drills() throws IOException {
    return drills(Map.of());
  }

  /**
   * Like drills(), reading only the records not in known, by id: a record never changes (its name
   * is the hash of its bytes), so a caller that asks again reads only what is new.
   */
  public List<StoredDrill> drills(Map<Id, StoredDrill> known) throws IOException {
    List<StoredDrill> out = new ArrayList<>();
    Predicate<String> unknown =
        key -> {
          Id id = known.isEmpty() ? null : idOrNull(key);
          StoredDrill seen = id == null ? null : known.get(id);
          if (seen != null) {
            out.add(seen);
          }
          return seen == null;
        };
    for (Preloader.Raw raw : objects(RepoLayout.DRILLS, unknown)) {
      try {
        DrillRecord d = Json.read(unseal(raw), DrillRecord.class, raw.key());
        out.add(new StoredDrill(RepoLayout.idOf(raw.key()), d));
      } catch (CorruptObjectException e) {
        LOG.warn("skipping damaged drill record: {}", e.getMessage());
      }
    }
    out.sort(
        Comparator.comparing((StoredDrill d) -> d.record().time()).thenComparing(StoredDrill::id));
    return out;
  }

  /** The id a key's name is, or null for a name that is none (read, then found damaged). */
  private static Id idOrNull(String key) {
    try {
      return RepoLayout.idOf(key);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    store.close();
  }

  /** Engine API: a new saver of blobs into packs, for one snapshot. */
  public BlobSaver newBlobSaver() throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    return new BlobSaver(
        store,
        codec,
        sealer,
        index(),
        config.packSize(),
        chunker().params().maxSize(),
        Math.max(1, cores),
        3);
  }

  /**
   * Engine API (prune): a saver that deduplicates only against known and its own blobs, so that it
   * stores again blobs the repository index already lists (to copy them out of a pack).
   */
  public BlobSaver newBlobSaver(Index known) {
    return new BlobSaver(
        store, codec, sealer, known, config.packSize(), chunker().params().maxSize(), 1, 2);
  }

  /** Engine API (prune): a loader that finds blobs in the given index only. */
  public BlobLoader newBlobLoader(Index index) {
    return new BlobLoader(store, codec, index, config.packSize());
  }

  /**
   * Engine API (copy): a loader for one reader that goes through packs in order, with two cached
   * windows instead of four, so that a saver fits beside it in the same heap.
   */
  public BlobLoader newSequentialBlobLoader() throws IOException {
    return new BlobLoader(store, codec, index(), config.packSize(), 2, 1);
  }

  /**
   * Engine API (copy): a saver with two workers and two concurrent uploads, whose buffers leave
   * room for a loader of another repository in the same heap.
   */
  public BlobSaver newCompactBlobSaver() throws IOException {
    int workers = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    return new BlobSaver(
        store, codec, sealer, index(), config.packSize(), chunker().params().maxSize(), workers, 2);
  }

  /** Engine API: a new loader of blobs by id, shared by the workers of one restore. */
  public BlobLoader newBlobLoader() throws IOException {
    return new BlobLoader(store, codec, index(), config.packSize());
  }
}
