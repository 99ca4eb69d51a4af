package io.volback.schedule;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** InProcessVolumeLocks excludes runs within one instance (the RAM store's single instance). */
public final class InProcessVolumeLocks implements VolumeLocks {
  private final Set<String> held = ConcurrentHashMap.newKeySet();

  @Override
  public Optional<Held> tryLock(String key) {
    if (!held.add(key)) {
      return Optional.empty();
    }
    return Optional.of(() -> held.remove(key));
  }
}
