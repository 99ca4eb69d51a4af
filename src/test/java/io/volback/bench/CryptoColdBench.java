package io.volback.bench;

import io.volback.repo.crypto.BlobHasher;
import io.volback.repo.crypto.CryptoProvider;
import io.volback.repo.crypto.MasterKey;
import io.volback.repo.crypto.Sealer;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CryptoColdBench measures what a cold CLI pays for crypto: seal + open + HMAC-SHA256 of --mib MiB
 * in 1 MiB messages, from JVM start, with the process's provider choice (VOLBACK_CRYPTO /
 * -Dvolback.crypto). Run it in a fresh JVM per sample; see bench/README.md "Round two".
 *
 * <pre>java -cp CLASSPATH [-Dvolback.crypto=jdk] io.volback.bench.CryptoColdBench [--mib 1024]
 * </pre>
 */
public final class CryptoColdBench {
  private static final int UNIT = 1 << 20;
  private static final byte[] KEY_BYTES = new byte[32];

  public static void main(String[] args) throws Exception {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long startCpu = threads.getCurrentThreadCpuTime();
    int mib = args.length >= 2 && args[0].equals("--mib") ? Integer.parseInt(args[1]) : 1024;
    // --plain-gcm-open: open with one JDK AES/GCM doFinal per message instead of Sealer.openInto,
    // to compare the JDK's plain GCM decryption with Sealer's CTR + recomputed-tag path.
    boolean plainGcmOpen = List.of(args).contains("--plain-gcm-open");
    byte[] data = new byte[UNIT];
    new SplittableRandom(1).nextBytes(data);
    new SplittableRandom(2).nextBytes(KEY_BYTES);
    MasterKey key = new MasterKey(KEY_BYTES, KEY_BYTES);
    Sealer sealer = Sealer.forMasterKey(key);
    BlobHasher hasher = new BlobHasher(key);
    long picked = System.nanoTime();
    long pickedCpu = threads.getCurrentThreadCpuTime();
    byte[] sealed = new byte[UNIT + Sealer.OVERHEAD + 1];
    byte[] opened = new byte[UNIT + 1];
    long sink = 0;
    for (int i = 0; i < mib; i++) {
      data[0] = (byte) i;
      int n = sealer.sealInto((byte) 1, data, 0, UNIT, sealed, 0);
      sink +=
          plainGcmOpen ? plainOpen(key, sealed, n, opened) : sealer.openInto(sealed, 0, n, opened);
      sink += hasher.hash(opened, 1, UNIT)[0];
    }
    long end = System.nanoTime();
    long endCpu = threads.getCurrentThreadCpuTime();
    System.out.printf(
        "{\"provider\": \"%s\", \"mib\": %d, \"setup_s\": %.3f, \"work_s\": %.3f,"
            + " \"setup_cpu_s\": %.3f, \"work_cpu_s\": %.3f, \"sink\": %d}%n",
        CryptoProvider.get().description() + (plainGcmOpen ? ", plain JDK GCM open" : ""),
        mib,
        (picked - start) / 1e9,
        (end - picked) / 1e9,
        (pickedCpu - startCpu) / 1e9,
        (endCpu - pickedCpu) / 1e9,
        sink);
  }

  private static Cipher plainGcm;

  private static int plainOpen(MasterKey key, byte[] sealed, int len, byte[] out) throws Exception {
    if (plainGcm == null) {
      plainGcm = Cipher.getInstance("AES/GCM/NoPadding");
    }
    byte[] k = new byte[32];
    System.arraycopy(KEY_BYTES, 0, k, 0, 32);
    plainGcm.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(k, "AES"),
        new GCMParameterSpec(128, sealed, 0, Sealer.NONCE_BYTES));
    return plainGcm.doFinal(sealed, Sealer.NONCE_BYTES, len - Sealer.NONCE_BYTES, out, 0);
  }
}
