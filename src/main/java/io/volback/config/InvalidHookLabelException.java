package io.volback.config;

/**
 * A container label of volback's hooks that cannot be read; the message names container and key.
 */
public final class InvalidHookLabelException extends IllegalArgumentException {
  public InvalidHookLabelException(String container, String key, String problem) {
    super("container " + container + ": label " + key + ": " + problem);
  }
}
