package io.volback.docker;

import java.io.InputStream;
import java.util.Map;

/**
 * HelperHolder is a child process for HelperCleanupTest: it opens a volume for reading and waits.
 */
public final class HelperHolder {
  public static void main(String[] args) throws Exception {
    DockerHost host = new DockerHosts(Map.of()).open(args[0]);
    InputStream in = VolumeArchive.openRead(host, args[1]);
    System.out.println("ready " + in.read());
    System.out.flush();
    Thread.sleep(60_000);
  }

  private HelperHolder() {}
}
