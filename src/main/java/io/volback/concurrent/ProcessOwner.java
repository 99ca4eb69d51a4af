package io.volback.concurrent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * ProcessOwner names this process in the owner labels of helper containers and drill scratch
 * volumes ("MACHINE/PID"), so that a later volback can tell the leftovers of a dead process from
 * the containers and volumes of a live one. A pid means something only in its PID namespace and
 * boot, and a host name is shared by every container with host networking: MACHINE is the host name
 * with the PID namespace and boot id ("HOSTNAME~NS.BOOT"). volback in a host-networked container
 * and volback on the host thus never take each other's processes for gone ones. Where /proc cannot
 * tell the namespace, MACHINE is unique to this process, so its leftovers are only ever removed by
 * age.
 */
public final class ProcessOwner {
  private static final String SCOPE = scope();

  private ProcessOwner() {}

  /** This machine as owner labels name it: the host name (LocalHost) in this PID namespace. */
  public static String machine() {
    return machine(LocalHost.name());
  }

  /** The machine part of the owner labels a process named hostname in this namespace writes. */
  public static String machine(String hostname) {
    return hostname + "~" + SCOPE;
  }

  /** The owner label of process pid of this machine. */
  public static String of(long pid) {
    return machine() + "/" + pid;
  }

  /** The owner label of this process. */
  public static String current() {
    return of(ProcessHandle.current().pid());
  }

  /** Whether owner names a process of this machine and PID namespace that no longer runs. */
  public static boolean isGoneHere(String owner) {
    Owner o = Owner.parse(owner);
    return o != null && o.machine().equals(machine()) && isGone(o.pid());
  }

  /** Whether process pid of this PID namespace no longer runs. */
  public static boolean isGone(long pid) {
    return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  /** An owner label taken apart: the machine that wrote it and the process there. */
  public record Owner(String machine, long pid) {
    /** The owner a label names, or null when it is not "MACHINE/PID". */
    public static Owner parse(String label) {
      int slash = label == null ? -1 : label.lastIndexOf('/');
      if (slash <= 0) {
        return null;
      }
      try {
        return new Owner(label.substring(0, slash), Long.parseLong(label.substring(slash + 1)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private static String scope() {
    try {
      String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      return namespace.replaceAll("\\D", "") + "." + boot.substring(0, Math.min(8, boot.length()));
    } catch (IOException | RuntimeException e) {
      return "p" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
