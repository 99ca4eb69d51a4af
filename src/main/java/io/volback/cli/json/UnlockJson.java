package io.volback.cli.json;

import java.util.List;

/** UnlockJson is what `unlock --json` prints: the lock objects it removed. */
public record UnlockJson(List<RemovedLockJson> removed) {
  /** One removed lock: its object key, whose it was and why it was removed. */
  public record RemovedLockJson(String key, String holder, String reason) {}
}
