package io.volback.repo;

import java.io.IOException;

/** RepositoryException is a user-facing failure of a repository operation with a clear message. */
public class RepositoryException extends IOException {
  public RepositoryException(String message) {
    super(message);
  }

  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
