package io.volback.repo;

import java.io.IOException;

/** CorruptObjectException means stored data failed verification; the message names the object. */
public class CorruptObjectException extends IOException {
  public CorruptObjectException(String message) {
    super(message);
  }
}
