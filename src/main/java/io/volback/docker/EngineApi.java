package io.volback.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * EngineApi sends raw Engine API requests through a host's DockerHttpClient and turns failures into
 * DockerHostExceptions that carry the daemon's own message.
 */
final class EngineApi {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private EngineApi() {}

  /**
   * Sends the request; returns the open response when the status is 2xx, else throws with "{action}
   * on Docker host {host}: {daemon message}".
   */
  static Response send(DockerHost host, Request request, String action) throws DockerHostException {
    Response response;
    try {
      response = host.http().execute(request);
    } catch (RuntimeException e) {
      throw failure(host, action, e);
    }
    int status = response.getStatusCode();
    if (status / 100 == 2) {
      return response;
    }
    try (response) {
      throw new DockerHostException(
          "cannot " + action + " on Docker host " + host + ": " + daemonMessage(response),
          status,
          null);
    }
  }

  /** GETs a JSON document. */
  static JsonNode getJson(DockerHost host, String path, String action) throws DockerHostException {
    Request request = Request.builder().method(Request.Method.GET).path(path).build();
    try (Response response = send(host, request, action);
        InputStream body = response.getBody()) {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw failure(host, action, e);
    }
  }

  /** A failure of a docker-java command or of the transport, as one line naming the host. */
  static DockerHostException failure(DockerHost host, String action, Exception e) {
    if (e instanceof DockerHostException known) {
      return known;
    }
    if (e instanceof DockerException answered) {
      return new DockerHostException(
          "cannot " + action + " on Docker host " + host + ": " + messageOf(answered),
          answered.getHttpStatus(),
          e);
    }
    DockerHostException unreachable = DockerHosts.unreachable(host.address(), e);
    return new DockerHostException("cannot " + action + ": " + unreachable.getMessage(), e);
  }

  // docker-java's messages read "Status 409: {"message":"..."}".
  private static String messageOf(DockerException e) {
    String text = String.valueOf(e.getMessage());
    int json = text.indexOf('{');
    if (json >= 0) {
      try {
        JsonNode message = JSON.readTree(text.substring(json)).path("message");
        if (message.isTextual()) {
          return message.asText();
        }
      } catch (IOException notJson) {
        // use the text as it is
      }
    }
    return text.replaceAll("\\s+", " ").trim();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The "message" of the daemon's JSON error body, or the body itself as one line. */
  static String daemonMessage(Response response) {
    String body;
    try (InputStream in = response.getBody()) {
      body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      return "HTTP " + response.getStatusCode();
    }
    try {
      JsonNode message = JSON.readTree(body).path("message");
      if (message.isTextual()) {
        return message.asText();
      }
    } catch (IOException notJson) {
      // fall through to the raw body
    }
    String line = body.replaceAll("\\s+", " ");
    return line.isEmpty() ? "HTTP " + response.getStatusCode() : line;
  }
}
