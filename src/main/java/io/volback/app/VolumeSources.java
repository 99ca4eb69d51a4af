package io.volback.app;

import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeInfo;
import io.volback.repo.snapshot.SourceInfo;

/** VolumeSources maps Docker's view of a volume to the snapshot's record of it. */
final class VolumeSources {
  private VolumeSources() {}

  static SourceInfo of(VolumeHost host, VolumeInfo v, AccessPath path) {
    return new SourceInfo(
        "volume",
        v.name(),
        host.address(),
        v.driver(),
        v.driverOptions(),
        v.labels(),
        v.scope(),
        v.consumers().stream().map(VolumeSources::consumer).toList(),
        path.label());
  }

  private static SourceInfo.Consumer consumer(VolumeConsumer c) {
    return new SourceInfo.Consumer(c.name(), c.id(), c.running(), c.mountPath(), c.readOnly());
  }
}
