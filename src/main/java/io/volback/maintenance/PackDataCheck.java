package io.volback.maintenance;

import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.RepoLayout;
import io.volback.repo.Repository;
import io.volback.repo.index.IndexEntry;
import io.volback.repo.pack.BlobCodec;
import io.volback.repo.pack.PackHeader;
import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * PackDataCheck reads packs whole, one at a time, and verifies each: its SHA-256 against its name,
 * and every blob its header lists (or, when the header is unreadable, the index) by decrypting it,
 * checking the tag, decompressing it and comparing the keyed hash of the plaintext with the blob's
 * id. A blob that fails is recorded as damaged. Memory: one pack (a pack larger than {@link
 * #WHOLE_PACK_LIMIT} is read blob by blob) and one blob's decode buffers.
 */
final class PackDataCheck {
  static final int WHOLE_PACK_LIMIT = 128 << 20;

  private final Repository repo;
  private final LoadedIndex loaded;
  private final Findings findings;
  private final CheckListener listener;
  private final BlobCodec.DecodeBuffers buffers = new BlobCodec.DecodeBuffers();
  private long bytesRead;

  PackDataCheck(Repository repo, LoadedIndex loaded, Findings findings, CheckListener listener) {
    this.repo = repo;
    this.loaded = loaded;
    this.findings = findings;
    this.listener = listener;
  }

  void run(List<ObjectInfo> packs) throws IOException {
    listener.stepStarted("read data", packs.stream().mapToLong(ObjectInfo::size).sum());
    for (ObjectInfo pack : packs) {
      try {
        check(pack);
      } catch (ObjectNotFoundException removedMeanwhile) {
        findings.error(pack.key(), "the pack disappeared while it was being checked");
      }
      listener.objectChecked(pack.size());
    }
    listener.stepFinished("read data");
  }

  long bytesRead() {
    return bytesRead;
  }

  private void check(ObjectInfo info) throws IOException {
    Id id = RepoLayout.idOf(info.key());
    if (info.size() > WHOLE_PACK_LIMIT) {
      checkBlobByBlob(info);
      return;
    }
    byte[] pack = repo.store().getRange(info.key(), 0, (int) info.size());
    bytesRead += pack.length;
    int bad = 0;
    for (Located b : blobs(info, pack)) {
      if (b.offset() < 0 || b.offset() + b.length() > pack.length) {
        continue; // a pack too short for its blobs is reported by PackCheck
      }
      bad += verify(info.key(), b, pack, (int) b.offset()) ? 0 : 1;
    }
    if (bad == 0 && !Id.sha256(pack).equals(id)) {
      findings.error(
          info.key(),
          "the pack's content does not match its name (SHA-256), though every blob verifies:"
              + " damage in the header or between blobs");
    }
  }

  private void checkBlobByBlob(ObjectInfo info) throws IOException {
    for (Located b : blobs(info, null)) {
      if (b.offset() + b.length() <= info.size()) {
        byte[] bytes = repo.store().getRange(info.key(), b.offset(), b.length());
        bytesRead += bytes.length;
        verify(info.key(), b, bytes, 0);
      }
    }
  }

  /** The header's blobs; the index's when the header cannot be read (PackCheck said so). */
  private List<Located> blobs(ObjectInfo info, byte[] pack) throws IOException {
    try {
      PackHeader header =
          PackHeaderReader.read(
                  repo.sealer(),
                  info.key(),
                  info.size(),
                  (offset, length) ->
                      pack != null
                          ? Arrays.copyOfRange(pack, (int) offset, (int) offset + length)
                          : repo.store().getRange(info.key(), offset, length))
              .header();
      return header.blobs().stream()
          .map(b -> new Located(b.id(), b.offset(), b.length(), b.rawLength()))
          .toList();
    } catch (CorruptObjectException e) {
      List<Located> out = new ArrayList<>();
      for (IndexEntry entry : loaded.index().entriesIn(Set.of(RepoLayout.idOf(info.key())))) {
        out.add(new Located(entry.blob(), entry.offset(), entry.length(), entry.rawLength()));
      }
      return out;
    }
  }

  private boolean verify(String key, Located b, byte[] bytes, int offset) {
    try {
      repo.codec().decode(bytes, offset, b.length(), b.id(), b.rawLength(), key, buffers);
      return true;
    } catch (CorruptObjectException e) {
      findings.damages(findings.error(key, e.getMessage()), b.id());
      return false;
    }
  }

  private record Located(Id id, long offset, int length, int rawLength) {}
}
