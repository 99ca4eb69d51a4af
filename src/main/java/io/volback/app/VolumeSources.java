package io.volback.app;

import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeInfo;
import io.volback.repo.snapshot.SourceInfo;

/** VolumeSources maps Docker's view of a volume to the snapshot's record of it. */
final class VolumeSources {
  private VolumeSources() {}

  static SourceInfo of(VolumeHost host, VolumeInfo v, AccessPath path) {
    return SourceInfo.volume(v.name())
        .dockerHost(host.address(), host.engineId())
        .driver(v.driver(), v.driverOptions())
        .labels(v.labels())
        .scope(v.scope())
        .consumers(v.consumers().stream().map(VolumeSources::consumer).toList())
        .readPath(path.label())
        .build();
  }

  private static SourceInfo.Consumer consumer(VolumeConsumer c) {
    return new SourceInfo.Consumer(c.name(), c.id(), c.running(), c.mountPath(), c.readOnly());
  }
}
