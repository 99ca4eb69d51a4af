package io.volback.app;

/**
 * ReadPath is how volume data is read or written: through the Docker API (works on any host), or
 * directly in the volume's mountpoint (fast, only where volback can see it). AUTO prefers the
 * latter.
 */
public enum ReadPath {
  AUTO,
  API,
  MOUNTPOINT;

  public String label() {
    return name().toLowerCase();
  }
}
