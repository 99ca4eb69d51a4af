package io.volback.e2e;

import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectStore;

class LocalFolderRoundTripTest extends RoundTripContract {
  @Override
  ObjectStore newStore() {
    return new LocalFolderStore(tmp.resolve("repo"));
  }
}
