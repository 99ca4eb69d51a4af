package io.volback.app;

import java.util.Locale;

/**
 * AccessPath is how volume data is read (backup) or written (restore): through the Docker API
 * (works on any host), or directly in the volume's mountpoint (fast, only where volback can see
 * it). AUTO prefers the latter.
 */
public enum AccessPath {
  AUTO,
  API,
  MOUNTPOINT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
