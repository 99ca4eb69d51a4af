package io.volback.repo.pack;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import io.volback.repo.crypto.AuthenticationFailedException;
import io.volback.repo.crypto.BlobHasher;
import io.volback.repo.crypto.Sealer;

/**
 * BlobCodec turns a blob's plaintext into its stored form and back: one codec byte (0 raw, 1 zstd)
 * followed by the payload, sealed with AES-256-GCM. Compression is kept only when it saves at least
 * 1/32 of the size. Decoding verifies the tag, decompresses and checks the keyed hash against the
 * id.
 */
public final class BlobCodec {
  private static final byte RAW = 0;
  private static final byte ZSTD = 1;

  private final Sealer sealer;
  private final BlobHasher hasher;
  private final int level;
  // One native zstd context per thread: creating one per blob churns native memory.
  private final ThreadLocal<ZstdCompressCtx> compressors;
  private final ThreadLocal<byte[]> compressBuffers = new ThreadLocal<>();
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  public BlobCodec(Sealer sealer, BlobHasher hasher, int compressionLevel) {
    this.sealer = sealer;
    this.hasher = hasher;
    this.level = compressionLevel;
    this.compressors =
        ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(compressionLevel));
  }

  public Id id(byte[] plaintext) {
    return id(plaintext, 0, plaintext.length);
  }

  public Id id(byte[] data, int off, int len) {
    return Id.of(hasher.hash(data, off, len));
  }

  /** The stored form of plaintext. */
  public byte[] encode(byte[] plaintext) {
    Payload payload = compress(plaintext, 0, plaintext.length);
    byte[] out = new byte[payload.storedLength()];
    sealInto(payload, out, 0);
    return out;
  }

  /**
   * Compresses data[off, off+len) when that pays. The payload is the caller's data or this thread's
   * compression buffer: valid until the thread's next compress().
   */
  Payload compress(byte[] data, int off, int len) {
    if (level > 0 && len >= 64) {
      int bound = (int) Zstd.compressBound(len);
      byte[] out = compressBuffer(bound);
      int n = compressors.get().compressByteArray(out, 0, bound, data, off, len);
      if (n < len - (len >> 5)) {
        return new Payload(ZSTD, out, 0, n);
      }
    }
    return new Payload(RAW, data, off, len);
  }

  /** Seals payload into out at outOff; returns payload.storedLength(). */
  int sealInto(Payload payload, byte[] out, int outOff) {
    return sealer.sealInto(payload.codec, payload.bytes, payload.off, payload.len, out, outOff);
  }

  private byte[] compressBuffer(int size) {
    byte[] buf = compressBuffers.get();
    if (buf == null || buf.length < size) {
      buf = new byte[size];
      compressBuffers.set(buf);
    }
    return buf;
  }

  /** Payload is a blob's codec byte and the bytes that follow it, before sealing. */
  record Payload(byte codec, byte[] bytes, int off, int len) {
    int storedLength() {
      return Sealer.OVERHEAD + 1 + len;
    }
  }

  /**
   * Decodes a stored blob and verifies that it is the plaintext of expected; what names the object
   * in errors. The result has arrays of its own.
   */
  public BlobData decode(byte[] stored, int off, int len, Id expected, int rawLength, String what)
      throws CorruptObjectException {
    return decode(stored, off, len, expected, rawLength, what, new DecodeBuffers());
  }

  /** Like decode, but into buffers: the result is valid until buffers are used again. */
  public BlobData decode(
      byte[] stored,
      int off,
      int len,
      Id expected,
      int rawLength,
      String what,
      DecodeBuffers buffers)
      throws CorruptObjectException {
    byte[] framed = buffers.framed(Math.max(0, len - Sealer.OVERHEAD));
    int framedLength;
    try {
      framedLength = sealer.openInto(stored, off, len, framed);
    } catch (AuthenticationFailedException e) {
      throw new CorruptObjectException(
          what
              + ": blob "
              + expected.shortHex()
              + " failed authentication (the data was modified or damaged)");
    }
    BlobData plain = unframe(framed, framedLength, rawLength, expected, what, buffers);
    if (!Id.of(hasher.hash(plain.bytes(), plain.offset(), plain.length())).equals(expected)) {
      throw new CorruptObjectException(
          what + ": blob " + expected.shortHex() + " does not match its id");
    }
    return plain;
  }

  private static BlobData unframe(
      byte[] framed, int framedLength, int rawLength, Id id, String what, DecodeBuffers buffers)
      throws CorruptObjectException {
    if (framedLength == 0) {
      throw new CorruptObjectException(what + ": blob " + id.shortHex() + " is empty");
    }
    if (framed[0] == RAW) {
      return new BlobData(framed, 1, framedLength - 1);
    }
    if (framed[0] != ZSTD) {
      throw new CorruptObjectException(
          what + ": blob " + id.shortHex() + " has unknown codec " + framed[0]);
    }
    byte[] plain = buffers.plain(rawLength);
    try {
      if (DECOMPRESSORS.get().decompressByteArray(plain, 0, rawLength, framed, 1, framedLength - 1)
          == rawLength) {
        return new BlobData(plain, 0, rawLength);
      }
    } catch (ZstdException e) {
      // reported below
    }
    throw new CorruptObjectException(what + ": blob " + id.shortHex() + " does not decompress");
  }

  /**
   * DecodeBuffers are the arrays a decode writes into, grown as needed and reused by the next
   * decode. Not thread-safe.
   */
  public static final class DecodeBuffers {
    private byte[] framed = new byte[0];
    private byte[] plain = new byte[0];

    byte[] framed(int size) {
      if (framed.length < size) {
        framed = new byte[size];
      }
      return framed;
    }

    byte[] plain(int size) {
      if (plain.length < size) {
        plain = new byte[size];
      }
      return plain;
    }
  }
}
