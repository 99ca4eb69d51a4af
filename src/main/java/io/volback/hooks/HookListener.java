package io.volback.hooks;

/** HookListener hears each stop, start and command as it ends (for the log and the output). */
@FunctionalInterface
public interface HookListener {
  HookListener NONE = e -> {};

  void event(HookEvent event);
}
