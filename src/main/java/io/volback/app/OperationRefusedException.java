package io.volback.app;

import java.io.IOException;

/** OperationRefusedException: volback refuses to do something that could lose data. */
public class OperationRefusedException extends IOException {
  public OperationRefusedException(String message) {
    super(message);
  }
}
