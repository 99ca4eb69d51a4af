package io.volback.testsupport;

import io.volback.cli.Main;
import io.volback.repo.crypto.KdfParams;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * CheapKeys makes the repositories the tests create through the command line use KdfParams.CHEAP,
 * in the test JVMs (a Jupiter extension, registered for every test class by autodetection) and in
 * the volback JVMs they start (main). Opening a repository derives its key with the parameters its
 * key file names, so every later open is cheap too. Key files written by bin/volback and the jar
 * (bench, image, launcher tests) keep the default.
 */
public final class CheapKeys implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    KdfParams.useForNewKeys(KdfParams.CHEAP);
  }

  /** volback's main with cheap keys: the main class of VolbackProcess. */
  public static void main(String[] args) {
    KdfParams.useForNewKeys(KdfParams.CHEAP);
    Main.main(args);
  }
}
