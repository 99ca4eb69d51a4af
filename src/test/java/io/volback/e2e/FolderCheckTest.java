package io.volback.e2e;

import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectStore;
import io.volback.testsupport.Cli;
import java.nio.file.Path;

/** check on a local folder repository. */
class FolderCheckTest extends CheckContract {
  @Override
  Cli newRepositoryCli(Path passwordFile) {
    return new Cli(tmp.resolve("repo").toString(), passwordFile);
  }

  @Override
  ObjectStore store() {
    return new LocalFolderStore(tmp.resolve("repo"));
  }
}
