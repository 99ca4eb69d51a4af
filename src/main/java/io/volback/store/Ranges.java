package io.volback.store;

/** Ranges checks range reads and builds the error for one that runs past the end of an object. */
final class Ranges {
  private Ranges() {}

  static void check(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "invalid range of object " + key + ": offset " + offset + ", length " + length);
    }
  }

  static StoreException beyondEnd(String location, String key, long offset, int length, long size) {
    String range = "[" + offset + ", " + (offset + length) + ")";
    return new StoreException(
        "cannot read range "
            + range
            + " of object "
            + key
            + " in "
            + location
            + ": the object has only "
            + size
            + " bytes",
        true,
        null);
  }
}
