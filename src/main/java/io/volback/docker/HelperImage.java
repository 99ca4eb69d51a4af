package io.volback.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * HelperImage is the image of volback's helper containers: an empty root file system, imported on
 * demand, so a host needs no registry and no other image. Helpers are never started; they only
 * exist to mount a volume for the archive endpoints.
 */
public final class HelperImage {
  public static final String REPOSITORY = "volback-helper";
  public static final String TAG = "1";
  public static final String NAME = REPOSITORY + ":" + TAG;
  private static final int EMPTY_TAR_SIZE = 1024; // two zero blocks: a complete, empty tar

  private HelperImage() {}

  /** Imports the helper image on the host unless it is there already. */
  public static void ensure(DockerHost host) throws DockerHostException {
    if (!exists(host)) {
      importImage(host, REPOSITORY, TAG, new ByteArrayInputStream(new byte[EMPTY_TAR_SIZE]));
    }
  }

  static boolean exists(DockerHost host) throws DockerHostException {
    try {
      host.client().inspectImageCmd(NAME).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "inspect image " + NAME, e);
    }
  }

  /**
   * Imports {@code rootfs} (a tar stream) as image repository:tag. docker-java's createImageCmd
   * cannot do this (it serialises the stream as JSON), so the request is made here.
   */
  public static void importImage(DockerHost host, String repository, String tag, InputStream rootfs)
      throws DockerHostException {
    String action = "import image " + repository + ":" + tag;
    Request request =
        Request.builder()
            .method(Request.Method.POST)
            .path(
                "/images/create?fromSrc=-&repo="
                    + EngineApi.encode(repository)
                    + "&tag="
                    + EngineApi.encode(tag))
            .putHeader("Content-Type", "application/x-tar")
            .body(rootfs)
            .build();
    try (Response response = EngineApi.send(host, request, action);
        InputStream body = response.getBody()) {
      failOnStreamedError(host, action, body);
    } catch (IOException e) {
      throw EngineApi.failure(host, action, e);
    }
  }

  // The daemon answers 200 and then reports failures inside its JSON progress stream.
  private static void failOnStreamedError(DockerHost host, String action, InputStream body)
      throws IOException {
    try (MappingIterator<JsonNode> messages =
        EngineApi.JSON.readerFor(JsonNode.class).readValues(body)) {
      while (messages.hasNextValue()) {
        JsonNode error = messages.nextValue().path("error");
        if (!error.isMissingNode() && !error.isNull()) {
          throw new DockerHostException(
              "cannot " + action + " on Docker host " + host + ": " + error.asText());
        }
      }
    }
  }
}
