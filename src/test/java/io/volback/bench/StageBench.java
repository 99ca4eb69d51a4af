package io.volback.bench;

import com.github.luben.zstd.Zstd;
import io.volback.repo.chunker.ChunkReader;
import io.volback.repo.chunker.Chunker;
import io.volback.repo.chunker.ChunkerParams;
import io.volback.repo.chunker.GearTable;
import io.volback.repo.crypto.BlobHasher;
import io.volback.repo.crypto.MasterKey;
import io.volback.repo.crypto.Sealer;
import io.volback.repo.pack.BlobCodec;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * StageBench measures volback's backup hot-path stages on one thread (so MiB/s per core): the
 * chunker, the blob id HMAC, zstd at levels 1 and 3, AES-GCM, SHA-256 (pack ids) and the whole
 * BlobCodec encode, each on compressible text and on random data, in 1 MiB units (the average chunk
 * size). Every stage is warmed up first, for --warmup seconds and at least --warmup-mib MiB
 * (AES-GCM runs ~50x slower until C2 has compiled it, which takes a few hundred MiB).
 *
 * <pre>java -cp CLASSPATH io.volback.bench.StageBench [--seconds 2] [--warmup 2] [--warmup-mib 512]
 *     [--input-mib 64] [--cold-mib 256]</pre>
 *
 * Prints one JSON document on stdout; bench/bench.py turns it into a table.
 */
public final class StageBench {
  private static final int UNIT = 1 << 20;
  private static long sink;

  private interface Work {
    /** Processes input[off, off+UNIT) and returns a number of output bytes (kept alive). */
    long run(byte[] input, int off);
  }

  private record Stage(String name, String input, int unit, Work work) {
    Stage(String name, String input, Work work) {
      this(name, input, UNIT, work);
    }
  }

  private record Result(String name, String input, double mibPerSec, double outputRatio) {}

  public static void main(String[] args) throws Exception {
    double seconds = 2;
    double warmup = 2;
    long warmupMib = 512;
    int inputMib = 64;
    long coldMib = 256;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        case "--warmup-mib" -> warmupMib = Long.parseLong(args[++i]);
        case "--input-mib" -> inputMib = Integer.parseInt(args[++i]);
        case "--cold-mib" -> coldMib = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    final int inputBytes = inputMib << 20;
    byte[] text = text(inputBytes, 1);
    byte[] random = new byte[inputBytes];
    new SplittableRandom(2).nextBytes(random);

    MasterKey key = MasterKey.random();
    BlobHasher hasher = new BlobHasher(key);
    byte[] aesKey = new byte[32];
    new SplittableRandom(3).nextBytes(aesKey);
    Sealer sealer = new Sealer(aesKey);
    BlobCodec codec1 = new BlobCodec(sealer, hasher, 1);
    BlobCodec codec3 = new BlobCodec(sealer, hasher, 3);
    byte[] seed = new byte[32];
    Chunker chunker = new Chunker(GearTable.fromSeed(seed), ChunkerParams.DEFAULT);
    ChunkReader reader = new ChunkReader(chunker);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");

    List<Stage> stages = new ArrayList<>();
    for (String kind : List.of("text", "random")) {
      // The whole input buffer per call, as one stream: chunk boundaries as in a large file.
      stages.add(
          new Stage(
              "chunker (ChunkReader)",
              kind,
              inputBytes,
              (in, off) -> {
                long n = 0;
                try {
                  reader.reset(new ByteArrayInputStream(in));
                  for (int len = reader.next(); len >= 0; len = reader.next()) {
                    n += len;
                  }
                } catch (java.io.IOException e) {
                  throw new IllegalStateException(e);
                }
                return n;
              }));
      stages.add(
          new Stage(
              "blob id HMAC-SHA256 (BlobHasher)",
              kind,
              (in, off) -> hasher.hash(in, off, UNIT).length));
      stages.add(
          new Stage(
              "SHA-256 (pack/storage ids)",
              kind,
              (in, off) -> {
                sha.update(in, off, UNIT);
                return sha.digest().length;
              }));
      for (int level : new int[] {1, 3}) {
        byte[] dst = new byte[(int) Zstd.compressBound(UNIT)];
        stages.add(
            new Stage(
                "zstd level " + level + " compress",
                kind,
                (in, off) -> Zstd.compressByteArray(dst, 0, dst.length, in, off, UNIT, level)));
      }
      byte[] compressed =
          Zstd.compress(java.util.Arrays.copyOf(kind.equals("text") ? text : random, UNIT), 3);
      byte[] plain = new byte[UNIT];
      stages.add(
          new Stage(
              "zstd level 3 decompress",
              kind,
              (in, off) ->
                  Zstd.decompressByteArray(plain, 0, UNIT, compressed, 0, compressed.length)));
      stages.add(
          new Stage(
              "AES-256-GCM seal (Sealer)", kind, (in, off) -> sealer.seal(in, off, UNIT).length));
      byte[] sealed = sealer.seal(kind.equals("text") ? text : random, 0, UNIT);
      stages.add(
          new Stage(
              "AES-256-GCM open (Sealer)",
              kind,
              (in, off) -> {
                try {
                  return sealer.open(sealed).length;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
      stages.add(
          new Stage(
              "BlobCodec encode, level 3",
              kind,
              (in, off) ->
                  codec3.encode(java.util.Arrays.copyOfRange(in, off, off + UNIT)).length));
      stages.add(
          new Stage(
              "id + encode, level 3 (whole per-blob path)",
              kind,
              (in, off) -> {
                byte[] blob = java.util.Arrays.copyOfRange(in, off, off + UNIT);
                codec3.id(blob);
                return codec3.encode(blob).length;
              }));
      stages.add(
          new Stage(
              "id + encode, level 1",
              kind,
              (in, off) -> {
                byte[] blob = java.util.Arrays.copyOfRange(in, off, off + UNIT);
                codec1.id(blob);
                return codec1.encode(blob).length;
              }));
    }

    List<Result> results = new ArrayList<>();
    // First, before anything is compiled: what a short backup sees of AES-GCM.
    Stage coldSeal =
        new Stage(
            "AES-256-GCM seal, first " + coldMib + " MiB after JVM start (cold JIT)",
            "random",
            (in, off) -> sealer.seal(in, off, UNIT).length);
    results.add(measure(coldSeal, random, 0, coldMib << 20));
    System.err.printf(
        Locale.ROOT,
        "%-45s %-6s %9.1f MiB/s%n",
        coldSeal.name(),
        "random",
        results.get(0).mibPerSec());
    // Warm up every stage, then measure every stage: stages share JIT-compiled code.
    for (Stage stage : stages) {
      measure(stage, stage.input().equals("text") ? text : random, warmup, warmupMib << 20);
    }
    for (Stage stage : stages) {
      byte[] input = stage.input().equals("text") ? text : random;
      results.add(measure(stage, input, seconds, 0));
      System.err.printf(
          Locale.ROOT,
          "%-45s %-6s %9.1f MiB/s%n",
          stage.name(),
          stage.input(),
          results.get(results.size() - 1).mibPerSec());
    }
    StringBuilder json = new StringBuilder();
    json.append("{\"unitBytes\":")
        .append(UNIT)
        .append(",\"threads\":1,\"sink\":")
        .append(sink)
        .append(",\"stages\":[");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      json.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"name\":\"%s\",\"input\":\"%s\",\"mibPerSec\":%.1f,\"outputRatio\":%.3f}",
                  r.name(),
                  r.input(),
                  r.mibPerSec(),
                  r.outputRatio()));
    }
    json.append("]}");
    System.out.println(json);
  }

  /** Runs stage for at least seconds and minBytes of input. */
  private static Result measure(Stage stage, byte[] input, double seconds, long minBytes) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long in = 0;
    long out = 0;
    int off = 0;
    do {
      out += stage.work().run(input, off);
      in += stage.unit();
      off = (off + stage.unit()) % input.length;
    } while (System.nanoTime() < deadline || in < minBytes);
    double elapsed = (System.nanoTime() - start) / 1e9;
    sink += out;
    return new Result(stage.name(), stage.input(), in / elapsed / (1 << 20), (double) out / in);
  }

  /** Compressible text: words from a seeded vocabulary with a Zipf-like frequency, in lines. */
  static byte[] text(int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] words = new String[4096];
    for (int i = 0; i < words.length; i++) {
      StringBuilder w = new StringBuilder();
      int len = 2 + rnd.nextInt(9);
      for (int j = 0; j < len; j++) {
        w.append((char) ('a' + rnd.nextInt(26)));
      }
      words[i] = w.toString();
    }
    byte[] out = new byte[size];
    int pos = 0;
    int inLine = 0;
    while (pos < size) {
      // Zipf-like: index = floor(n^u) - 1 for uniform u in [0,1).
      int idx = (int) Math.pow(words.length, rnd.nextDouble()) - 1;
      String w = inLine++ == 12 ? "\n" : words[idx] + " ";
      if (w.equals("\n")) {
        inLine = 0;
      }
      for (int i = 0; i < w.length() && pos < size; i++) {
        out[pos++] = (byte) w.charAt(i);
      }
    }
    return out;
  }
}
