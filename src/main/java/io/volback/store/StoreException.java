package io.volback.store;

import java.io.IOException;

/**
 * StoreException is a failure of an ObjectStore. permanent() tells whether retrying can help: a
 * refused credential or a missing bucket is permanent, a timeout or a 503 is not.
 */
public class StoreException extends IOException {
  private final boolean permanent;

  public StoreException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
