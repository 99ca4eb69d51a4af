package io.volback.docker;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.volback.concurrent.Interrupts;
import io.volback.docker.HelperContainer.Access;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * VolumeArchive streams a volume's contents as a tar through the Engine API archive endpoints of a
 * helper container. Entry names are "data/..." in both directions ("data/" is the volume root).
 */
public final class VolumeArchive {
  private static final int PIPE_SIZE = 1 << 20;

  private VolumeArchive() {}

  /**
   * Opens the volume as a tar stream. Closing the stream (also before its end) removes the helper
   * container.
   */
  public static InputStream openRead(DockerHost host, String volume) throws IOException {
    HelperContainer helper = HelperContainer.create(host, volume, Access.READ_ONLY);
    try {
      Request request =
          Request.builder()
              .method(Request.Method.GET)
              .path("/containers/" + helper.id() + "/archive?path=" + HelperContainer.MOUNT_PATH)
              // docker-java asks for gzip by default, and dockerd then compresses at ~36 MiB/s
              .putHeader("Accept-Encoding", "identity")
              .build();
      Response response = EngineApi.send(host, request, "read volume " + volume);
      return new ArchiveStream(response, helper);
    } catch (DockerHostException | RuntimeException e) {
      helper.close();
      throw e;
    }
  }

  /**
   * Writes the tar produced by {@code writer} into the volume, streaming it (bounded memory). The
   * tar's "data/" entry sets the owner and mode of the volume root. The writer runs on the calling
   * thread; a failure on either side fails the whole write, and the helper is always removed.
   */
  public static void write(DockerHost host, String volume, TarWriter writer) throws IOException {
    try (HelperContainer helper = HelperContainer.create(host, volume, Access.READ_WRITE)) {
      StreamPipe pipe = new StreamPipe(PIPE_SIZE);
      Upload upload = new Upload(host, volume, helper.id(), pipe);
      upload.start();
      try {
        writer.writeTo(unclosable(pipe.sink()));
        pipe.closeSink();
      } catch (IOException | RuntimeException | Error e) {
        pipe.abort(e instanceof IOException io ? io : new IOException(e.toString(), e));
        upload.await();
        if (causedBy(e, StreamPipe.ReaderGone.class) && upload.failure != null) {
          upload.failure.addSuppressed(e);
          throw upload.failure;
        }
        throw e;
      }
      upload.await();
      if (upload.failure != null) {
        throw upload.failure;
      }
    }
  }

  /** Upload runs the PUT request, reading the tar from the pipe, on its own thread. */
  private static final class Upload extends Thread {
    private final DockerHost host;
    private final String volume;
    private final String containerId;
    private final StreamPipe pipe;
    private volatile DockerHostException failure;

    Upload(DockerHost host, String volume, String containerId, StreamPipe pipe) {
      super("volback-write-" + volume);
      setDaemon(true);
      this.host = host;
      this.volume = volume;
      this.containerId = containerId;
      this.pipe = pipe;
    }

    @Override
    public void run() {
      String action = "write volume " + volume;
      Request request =
          Request.builder()
              .method(Request.Method.PUT)
              .path("/containers/" + containerId + "/archive?path=/")
              .putHeader("Content-Type", "application/x-tar")
              .body(pipe.source())
              .build();
      try (Response response = EngineApi.send(host, request, action)) {
        response.getBody().transferTo(OutputStream.nullOutputStream());
      } catch (DockerHostException e) {
        failure = e;
      } catch (IOException | RuntimeException e) {
        failure = EngineApi.failure(host, action, e);
      } finally {
        pipe.closeSource();
      }
    }

    void await() throws IOException {
      try {
        join();
      } catch (InterruptedException e) {
        throw Interrupts.interrupted("writing volume " + volume);
      }
    }
  }

  /**
   * ArchiveStream is the body of an archive GET; close() ends the request and removes the helper.
   */
  private static final class ArchiveStream extends FilterInputStream {
    private final Response response;
    private final HelperContainer helper;
    private boolean closed;

    ArchiveStream(Response response, HelperContainer helper) {
      super(response.getBody());
      this.response = response;
      this.helper = helper;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | UncheckedIOException e) {
        throw failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException | UncheckedIOException e) {
        throw failure(e);
      }
    }

    private IOException failure(Exception e) {
      return new DockerHostException(
          "reading volume "
              + helper.volume()
              + " from Docker host "
              + helper.host()
              + " failed: "
              + e.getMessage(),
          e);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        response.close();
      } finally {
        helper.close();
      }
    }
  }

  private static OutputStream unclosable(OutputStream out) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }
    };
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
