package io.volback.hooks;

import io.volback.config.ContainerHooks;

/** A container that mounts a volume of the run and asks for hooks; running as the run began. */
public record HookedContainer(String id, String name, boolean running, ContainerHooks hooks) {}
