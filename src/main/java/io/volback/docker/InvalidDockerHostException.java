package io.volback.docker;

/** InvalidDockerHostException: a Docker host address in none of the accepted forms. */
public class InvalidDockerHostException extends DockerHostException {
  public InvalidDockerHostException(String message) {
    super(message);
  }
}
