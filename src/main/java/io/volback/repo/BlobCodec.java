package io.volback.repo;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.volback.repo.crypto.AuthenticationFailedException;
import io.volback.repo.crypto.BlobHasher;
import io.volback.repo.crypto.Sealer;

/**
 * BlobCodec turns a blob's plaintext into its stored form and back: one codec byte (0 raw, 1 zstd)
 * followed by the payload, sealed with AES-256-GCM. Compression is kept only when it saves at least
 * 1/32 of the size. Decoding verifies the tag, decompresses and checks the keyed hash against the id.
 */
public final class BlobCodec {
  private static final byte RAW = 0;
  private static final byte ZSTD = 1;

  private final Sealer sealer;
  private final BlobHasher hasher;
  private final int level;
  // One native zstd context per thread: creating one per blob churns native memory.
  private final ThreadLocal<ZstdCompressCtx> compressors;
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  public BlobCodec(Sealer sealer, BlobHasher hasher, int compressionLevel) {
    this.sealer = sealer;
    this.hasher = hasher;
    this.level = compressionLevel;
    this.compressors = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(compressionLevel));
  }

  public Id id(byte[] plaintext) {
    return Id.of(hasher.hash(plaintext));
  }

  /** The stored form of plaintext. */
  public byte[] encode(byte[] plaintext) {
    if (level > 0 && plaintext.length >= 64) {
      byte[] compressed = new byte[(int) Zstd.compressBound(plaintext.length) + 1];
      int n = compressors.get().compressByteArray(compressed, 1, compressed.length - 1,
          plaintext, 0, plaintext.length);
      if (n < plaintext.length - (plaintext.length >> 5)) {
        compressed[0] = ZSTD;
        return sealer.seal(compressed, 0, n + 1);
      }
    }
    return sealer.seal(RAW, plaintext, 0, plaintext.length);
  }

  /**
   * Decodes a stored blob and verifies that it is the plaintext of expected; what names the object
   * in errors.
   */
  public BlobData decode(byte[] stored, int off, int len, Id expected, int rawLength, String what)
      throws CorruptObjectException {
    byte[] framed;
    try {
      framed = sealer.open(stored, off, len);
    } catch (AuthenticationFailedException e) {
      throw new CorruptObjectException(what + ": blob " + expected.shortHex()
          + " failed authentication (the data was modified or damaged)");
    }
    BlobData plain = unframe(framed, rawLength, expected, what);
    if (!Id.of(hasher.hash(plain.bytes(), plain.offset(), plain.length())).equals(expected)) {
      throw new CorruptObjectException(what + ": blob " + expected.shortHex()
          + " does not match its id");
    }
    return plain;
  }

  private static BlobData unframe(byte[] framed, int rawLength, Id id, String what)
      throws CorruptObjectException {
    if (framed.length == 0) {
      throw new CorruptObjectException(what + ": blob " + id.shortHex() + " is empty");
    }
    if (framed[0] == RAW) {
      return new BlobData(framed, 1, framed.length - 1);
    }
    if (framed[0] != ZSTD) {
      throw new CorruptObjectException(what + ": blob " + id.shortHex()
          + " has unknown codec " + framed[0]);
    }
    byte[] plain = new byte[rawLength];
    try {
      if (DECOMPRESSORS.get().decompressByteArray(plain, 0, rawLength, framed, 1, framed.length - 1)
          == rawLength) {
        return new BlobData(plain, 0, rawLength);
      }
    } catch (ZstdException e) {
      // reported below
    }
    throw new CorruptObjectException(what + ": blob " + id.shortHex() + " does not decompress");
  }
}
