package io.volback.docker;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * ArchiveThroughput measures archive GET (identity vs the transport's default gzip) and PUT of an
 * existing volume. Manual, not a test: java ... ArchiveThroughput VOLUME [SCRATCH_VOLUME] [gzip].
 */
public final class ArchiveThroughput {
  public static void main(String[] args) throws Exception {
    try (DockerHost host = new DockerHosts(System.getenv()).open(null)) {
      String volume = args[0];
      for (int run = 1; run <= 3; run++) {
        long start = System.nanoTime();
        long bytes;
        try (InputStream in = VolumeArchive.openRead(host, volume)) {
          bytes = drainTar(in);
        }
        report("GET identity run " + run, bytes, start);
      }
      if (args.length > 2 && args[2].equals("gzip")) {
        gzipGet(host, volume);
      }
      if (args.length > 1) {
        long start = System.nanoTime();
        long[] bytes = new long[1];
        try (InputStream in = VolumeArchive.openRead(host, volume)) {
          VolumeArchive.write(host, args[1], out -> bytes[0] = in.transferTo(out));
        }
        report("GET " + volume + " -> PUT " + args[1], bytes[0], start);
      }
    }
  }

  // What docker-java's copyArchiveFromContainerCmd does: the transport asks for gzip.
  private static void gzipGet(DockerHost host, String volume) throws Exception {
    try (HelperContainer helper =
        HelperContainer.create(host, volume, HelperContainer.Access.READ_ONLY)) {
      long start = System.nanoTime();
      Request request =
          Request.builder()
              .method(Request.Method.GET)
              .path("/containers/" + helper.id() + "/archive?path=/data")
              .build();
      try (Response response = host.http().execute(request);
          InputStream in = response.getBody()) {
        report("GET default (gzip) encoding", drainTar(in), start);
      }
    }
  }

  private static long drainTar(InputStream in) throws Exception {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    long content = 0;
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      content += tar.transferTo(OutputStream.nullOutputStream());
    }
    return content;
  }

  private static void report(String what, long bytes, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        "%s: %.1f MiB in %.2f s = %.0f MiB/s%n",
        what, bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds);
  }

  private ArchiveThroughput() {}
}
