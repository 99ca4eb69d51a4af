package io.volback.repo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Hosts tells this machine's hostname, as recorded in snapshots, keys and locks. */
public final class Hosts {
  private Hosts() {}

  public static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
