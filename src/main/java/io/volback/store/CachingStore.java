package io.volback.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CachingStore keeps local copies of a remote repository's metadata, as restic does: index and
 * snapshot objects and the packs that hold only tree blobs (the store learns which through
 * treePacks), stored as they are (sealed). The folder of one repository under the cache root is
 * named by the SHA-256 of its stored config, which is fixed at init and read first by every
 * command, so the cache is known before the password is checked and while preloading.
 *
 * <p>A kept copy is used only when the store still lists it (index/ and snapshots/ are listed
 * before they are read; a pack is read only where the current index says), and only when its bytes
 * match its name; one that does not is deleted, fetched again and named in one warning. Listing
 * index/ or snapshots/ deletes the copies of objects that are gone. The config, keys and locks are
 * never kept. A cache that cannot be written is a warning and no cache, never a failed command.
 */
public final class CachingStore extends ForwardingStore {
  private static final Logger log = LoggerFactory.getLogger(CachingStore.class);
  private static final String CONFIG = "config";
  private static final String INDEX = "index/";
  private static final String SNAPSHOTS = "snapshots/";
  private static final List<String> LISTED = List.of(INDEX, SNAPSHOTS);
  private static final String CACHEDIR_TAG =
      "Signature: 8a477f597d28d172789f06886806bc55\n"
          + "# This file is a cache directory tag created by volback.\n";

  private final Path root;
  private volatile CacheDirectory cache;
  private final Map<String, Set<String>> listed = new ConcurrentHashMap<>();
  private final Set<String> treePacks = ConcurrentHashMap.newKeySet();
  private final Set<String> intactPacks = ConcurrentHashMap.newKeySet();
  private final Map<String, Object> packLocks = new ConcurrentHashMap<>();
  private final AtomicBoolean warnedDamaged = new AtomicBoolean();
  private final AtomicBoolean warnedUnusable = new AtomicBoolean();

  /** Caches delegate's metadata in a folder of root (created when the config is first read). */
  public CachingStore(ObjectStore delegate, Path root) {
    super(delegate);
    this.root = root;
  }

  /** The folder of this repository in the cache, or null before the config is read or unusable. */
  public Path directory() {
    CacheDirectory c = cache;
    return c == null ? null : c.root();
  }

  @Override
  public InputStream get(String key) throws IOException {
    if (key.equals(CONFIG)) {
      byte[] config;
      try (InputStream in = super.get(key)) {
        config = in.readAllBytes();
      }
      openCache(config);
      return new ByteArrayInputStream(config);
    }
    CacheDirectory c = cache;
    String prefix = listedPrefix(key);
    if (c == null || prefix == null) {
      return super.get(key);
    }
    Set<String> current = listed.get(prefix);
    if (current != null && current.contains(key)) {
      try {
        var kept = c.read(key);
        if (kept.isPresent()) {
          return new ByteArrayInputStream(kept.get());
        }
      } catch (CacheDirectory.Damaged e) {
        damaged(c, key);
      } catch (IOException e) {
        unusable(e);
      }
    }
    byte[] bytes;
    try (InputStream in = super.get(key)) {
      bytes = in.readAllBytes();
    }
    if (matchesName(key, bytes, bytes.length)) {
      keep(key, bytes, bytes.length);
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    List<ObjectInfo> objects = super.list(prefix);
    CacheDirectory c = cache;
    if (LISTED.contains(prefix)) {
      Set<String> keys = ConcurrentHashMap.newKeySet();
      objects.forEach(o -> keys.add(o.key()));
      listed.put(prefix, keys);
      if (c != null) {
        try {
          c.retain(prefix, keys);
        } catch (IOException e) {
          unusable(e);
        }
      }
    }
    return objects;
  }

  @Override
  public void put(String key, byte[] data) throws IOException {
    put(key, data, data.length);
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    super.put(key, data, length);
    String prefix = listedPrefix(key);
    if (prefix != null) {
      Set<String> current = listed.get(prefix);
      if (current != null) {
        current.add(key);
      }
      keep(key, data, length);
    } else if (treePacks.contains(key) && keep(key, data, length)) {
      intactPacks.add(key);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) throws IOException {
    byte[] bytes = new byte[length];
    readRange(key, offset, length, bytes);
    return bytes;
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    CacheDirectory c = cache;
    if (c != null && treePacks.contains(key) && keptPack(c, key)) {
      try {
        c.readRange(key, offset, length, into);
        return;
      } catch (NoSuchFileException e) {
        intactPacks.remove(key); // another process sharing the cache removed it: nothing to delete
      } catch (IOException e) {
        intactPacks.remove(key);
        damaged(c, key);
      }
    }
    super.readRange(key, offset, length, into);
  }

  @Override
  public void delete(String key) throws IOException {
    super.delete(key);
    CacheDirectory c = cache;
    if (c != null && !key.equals(CONFIG)) {
      listed.values().forEach(keys -> keys.remove(key));
      intactPacks.remove(key);
      try {
        c.delete(key);
      } catch (IOException e) {
        unusable(e);
      }
    }
  }

  @Override
  public void treePacks(Collection<String> keys, boolean complete) {
    treePacks.addAll(keys);
    CacheDirectory c = cache;
    if (complete && c != null) {
      try {
        c.retain("data/", new HashSet<>(treePacks));
      } catch (IOException e) {
        unusable(e);
      }
    }
    super.treePacks(keys, complete);
  }

  /** Whether an intact copy of the pack key is kept now, fetching it first when none is. */
  private boolean keptPack(CacheDirectory c, String key) {
    if (intactPacks.contains(key)) {
      return true;
    }
    synchronized (packLocks.computeIfAbsent(key, k -> new Object())) {
      if (intactPacks.contains(key)) {
        return true;
      }
      try {
        if (c.holdsIntact(key)) {
          intactPacks.add(key);
          return true;
        }
        // Absent at the first look, it may have been written by another process since: only a
        // copy that is there and still not intact is damaged.
        if (Files.exists(c.path(key))) {
          if (c.holdsIntact(key)) {
            intactPacks.add(key);
            return true;
          }
          damaged(c, key);
        }
        boolean fetched;
        try (InputStream in = super.get(key)) {
          fetched = c.copy(key, in);
        }
        if (fetched) {
          intactPacks.add(key);
        }
        return fetched;
      } catch (IOException e) {
        unusable(e);
        return false;
      }
    }
  }

  private void openCache(byte[] config) {
    if (cache != null || warnedUnusable.get()) {
      return;
    }
    String name = HexFormat.of().formatHex(CacheDirectory.sha256(config, config.length));
    try {
      CacheDirectory opened = CacheDirectory.open(root.resolve(name));
      if (!Files.exists(root.resolve("CACHEDIR.TAG"))) {
        // Backup tools that honour the tag (restic, borg, tar --exclude-caches) skip the cache.
        byte[] tag = CACHEDIR_TAG.getBytes(StandardCharsets.US_ASCII);
        CacheDirectory.open(root).write("CACHEDIR.TAG", tag, tag.length);
      }
      cache = opened;
    } catch (IOException | RuntimeException e) {
      unusable(e);
    }
  }

  private boolean keep(String key, byte[] data, int length) {
    CacheDirectory c = cache;
    if (c == null) {
      return false;
    }
    try {
      c.write(key, data, length);
      return true;
    } catch (IOException e) {
      unusable(e);
      return false;
    }
  }

  private void damaged(CacheDirectory c, String key) {
    if (warnedDamaged.compareAndSet(false, true)) {
      log.warn(
          "the metadata cache {} held a damaged copy of {}: deleted, fetched again from {}",
          c.root(),
          key,
          location());
    }
    try {
      c.delete(key);
    } catch (IOException e) {
      unusable(e);
    }
  }

  private void unusable(Exception e) {
    cache = null;
    if (warnedUnusable.compareAndSet(false, true)) {
      log.warn(
          "the metadata cache {} cannot be used ({}): going on without it",
          root,
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static String listedPrefix(String key) {
    for (String prefix : LISTED) {
      if (key.startsWith(prefix)) {
        return prefix;
      }
    }
    return null;
  }

  private static boolean matchesName(String key, byte[] data, int length) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.equalsIgnoreCase(HexFormat.of().formatHex(CacheDirectory.sha256(data, length)));
  }
}
