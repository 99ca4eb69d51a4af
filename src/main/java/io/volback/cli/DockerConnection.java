package io.volback.cli;

import io.volback.docker.DockerEndpoint;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHosts;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** DockerConnection opens a Docker host in the background; close() closes it once opened. */
final class DockerConnection implements AutoCloseable {
  private final CompletableFuture<DockerHost> host;

  private DockerConnection(CompletableFuture<DockerHost> host) {
    this.host = host;
  }

  /** Starts opening endpoint (resolved before, on the caller's thread, so its errors are plain). */
  static DockerConnection start(DockerEndpoint endpoint) {
    return new DockerConnection(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return DockerHosts.fromEnvironment().connect(endpoint);
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            }));
  }

  /** The opened host, or the error that opening it gave. */
  DockerHost join() throws IOException {
    try {
      return host.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    DockerHost opened = host.getNow(null);
    if (opened == null && !host.isDone()) {
      opened = host.exceptionally(e -> null).join();
    }
    if (opened != null) {
      opened.close();
    }
  }
}
