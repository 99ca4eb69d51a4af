package io.volback.repo.lock;

import io.volback.concurrent.LocalHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * LockOwner identifies this process in the locks it writes. The hostname alone does not tell
 * whether a lock's pid can be looked up here (hosts may share a name; containers have their own PID
 * namespaces): the kernel's boot id and the PID namespace do. The nonce and the process start time
 * tell the holder from a later process that got the same pid.
 */
record LockOwner(
    String hostname,
    long pid,
    String nonce,
    Instant processStart,
    String bootId,
    String pidNamespace) {

  private static final LockOwner CURRENT =
      new LockOwner(
          LocalHost.name(),
          ProcessHandle.current().pid(),
          randomNonce(),
          ProcessHandle.current().info().startInstant().orElse(null),
          read(Path.of("/proc/sys/kernel/random/boot_id")),
          readPidNamespace());

  static LockOwner current() {
    return CURRENT;
  }

  /** True when a process of this kernel and PID namespace, with lock's pid, could be the holder. */
  boolean seesProcessesOf(LockInfo lock) {
    return bootId != null
        && pidNamespace != null
        && bootId.equals(lock.bootId())
        && pidNamespace.equals(lock.pidNamespace());
  }

  boolean wrote(LockInfo lock) {
    return nonce.equals(lock.nonce());
  }

  private static String randomNonce() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String readPidNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
