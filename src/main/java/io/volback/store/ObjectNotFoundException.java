package io.volback.store;

/** ObjectNotFoundException is thrown when a key does not exist in the store. */
public class ObjectNotFoundException extends StoreException {
  public ObjectNotFoundException(String location, String key) {
    super("object " + key + " not found in " + location, true, null);
  }
}
