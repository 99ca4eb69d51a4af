package io.volback.concurrent;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ShutdownCleanup tracks resources this JVM holds outside itself (helper containers, lock objects)
 * and cleans up those still held from a shutdown hook when SIGINT or SIGTERM ends the process,
 * newest first. The hook is installed with the first resource. Once it has begun, add refuses: a
 * resource taken after the hook looked would be left behind.
 */
public final class ShutdownCleanup<T> {
  private final HookInstaller installer;
  private final Consumer<T> cleanup;
  private final Set<T> held = new LinkedHashSet<>();
  private boolean hookInstalled;
  private boolean shuttingDown;

  /** cleanup must not throw; it logs what it could not clean up. */
  public ShutdownCleanup(String hookName, Consumer<T> cleanup) {
    this(hook -> ShutdownHooks.add(hookName, hook), cleanup);
  }

  ShutdownCleanup(HookInstaller installer, Consumer<T> cleanup) {
    this.installer = installer;
    this.cleanup = cleanup;
  }

  /** How the cleanup is registered to run at shutdown (tests run it themselves). */
  interface HookInstaller {
    void install(Runnable hook) throws InterruptedIOException;
  }

  /** Tracks resource; call before taking it, so that an interrupt while taking it cleans up too. */
  public synchronized void add(T resource) throws InterruptedIOException {
    if (shuttingDown) {
      throw new InterruptedIOException("interrupted: the process is shutting down");
    }
    if (!hookInstalled) {
      installer.install(this::cleanUpAll);
      hookInstalled = true;
    }
    held.add(resource);
  }

  /** Stops tracking resource, once released. */
  public synchronized void remove(T resource) {
    held.remove(resource);
  }

  /** The resources held now, oldest first. */
  public synchronized List<T> held() {
    return List.copyOf(held);
  }

  private void cleanUpAll() {
    List<T> resources;
    synchronized (this) {
      shuttingDown = true;
      resources = new ArrayList<>(held);
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      cleanup.accept(resources.get(i));
    }
  }
}
