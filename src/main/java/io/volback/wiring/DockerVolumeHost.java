package io.volback.wiring;

import io.volback.app.ProbeResult;
import io.volback.app.ProbeSpec;
import io.volback.app.VolumeHost;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.HelperContainer;
import io.volback.docker.LocalMountpoint;
import io.volback.docker.ProbeContainer;
import io.volback.docker.StatScanSource;
import io.volback.docker.TarWriter;
import io.volback.docker.VolumeArchive;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDevice;
import io.volback.docker.VolumeDiscovery;
import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import io.volback.docker.Volumes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** DockerVolumeHost is app's VolumeHost over one Docker host, through the docker package. */
public final class DockerVolumeHost implements VolumeHost {
  private final DockerHost host;
  private final LocalMountpoint local;
  private Optional<String> engineId; // asked once, on first use

  public DockerVolumeHost(DockerHost host, LocalMountpoint local) {
    this.host = host;
    this.local = local;
  }

  @Override
  public String address() {
    return host.address();
  }

  @Override
  public String engineId() {
    if (engineId == null) {
      try {
        engineId = Optional.ofNullable(Volumes.engineId(host));
      } catch (DockerHostException e) {
        engineId = Optional.empty();
      }
    }
    return engineId.orElse(null);
  }

  @Override
  public List<VolumeInfo> volumes() throws DockerHostException {
    return VolumeDiscovery.all(host);
  }

  @Override
  public VolumeInfo volume(String name) throws DockerHostException {
    return VolumeDiscovery.get(host, name);
  }

  @Override
  public boolean exists(String name) throws DockerHostException {
    return Volumes.exists(host, name);
  }

  @Override
  public void create(VolumeSpec spec) throws DockerHostException {
    Volumes.create(host, spec);
  }

  @Override
  public void remove(String name) throws DockerHostException {
    Volumes.remove(host, name);
  }

  @Override
  public void removeWithHelpers(String name) throws DockerHostException {
    Volumes.removeWithHelpers(host, name);
  }

  @Override
  public List<VolumeConsumer> consumers(String name) throws DockerHostException {
    return Volumes.consumers(host, name);
  }

  @Override
  public boolean isEmpty(String name) throws IOException {
    return Volumes.isEmpty(host, name, local);
  }

  @Override
  public Optional<Path> mountpoint(VolumeInfo volume) {
    return local.find(host, volume);
  }

  @Override
  public InputStream openRead(String name) throws IOException {
    return VolumeArchive.openRead(host, name);
  }

  @Override
  public Optional<StatScanSource> openStatScan(
      String name, StatScanSource.ParentEntries parent, Instant racyFrom) throws IOException {
    if (!StatScanSource.supported(host)) {
      return Optional.empty();
    }
    return Optional.of(StatScanSource.open(host, name, parent, racyFrom));
  }

  @Override
  public void write(String name, TarWriter writer) throws IOException {
    VolumeArchive.write(host, name, writer);
  }

  @Override
  public void removeLeftoverHelpers() throws DockerHostException {
    HelperContainer.removeLeftoverHelpers(host);
  }

  @Override
  public boolean hostPathsVisible() {
    return Volumes.hostPathsVisible(host);
  }

  @Override
  public List<VolumeInfo> sharingDevice(VolumeDevice device, String except, boolean resolveLocally)
      throws DockerHostException {
    return Volumes.sharingDevice(host, device, except, resolveLocally);
  }

  @Override
  public ProbeResult runProbe(String volume, ProbeSpec probe) throws IOException {
    ProbeContainer.Outcome outcome =
        ProbeContainer.run(
            host, volume, probe.image(), probe.command(), probe.mount(), probe.timeout());
    return new ProbeResult(
        outcome.exitCode(), outcome.timedOut(), outcome.duration(), outcome.outputTail());
  }
}
