package io.volback.docker;

import java.io.IOException;

/**
 * DockerHostException is thrown when a Docker host cannot be reached or refuses an operation; its
 * message is one line that names the host (and the volume, where there is one).
 */
public class DockerHostException extends IOException {
  private final int statusCode;

  public DockerHostException(String message) {
    this(message, 0, null);
  }

  public DockerHostException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  public DockerHostException(String message, int statusCode, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** The HTTP status the engine answered with, or 0 when the failure was not an engine answer. */
  public int statusCode() {
    return statusCode;
  }
}
