package io.volback.concurrent;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * LocalHost tells the name of the machine this process runs on, as recorded in snapshots, keys and
 * locks and in the owner label of helper containers. It lives here, beside the other process-level
 * helpers, because both repo and docker need it and may not use each other.
 */
public final class LocalHost {
  private LocalHost() {}

  public static String name() {
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
