package io.volback.repo.crypto;

import java.io.IOException;

/** AuthenticationFailedException means ciphertext did not verify: wrong key or modified data. */
public class AuthenticationFailedException extends IOException {
  public AuthenticationFailedException(String message) {
    super(message);
  }
}
