package io.volback.testsupport;

import io.volback.app.VolumeHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.NoSuchVolumeException;
import io.volback.docker.TarWriter;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDevice;
import io.volback.docker.VolumeInfo;
import io.volback.docker.VolumeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * FakeVolumeHost is a Docker host in memory for the use cases' unit tests: each volume is a
 * directory under root, which is also its mountpoint. Reads and writes through the "API" of a
 * volume named in failing throw; a write otherwise consumes the tar and discards it.
 */
public final class FakeVolumeHost implements VolumeHost {
  private final String address;
  private final Path root;
  private final Map<String, VolumeInfo> volumes = new TreeMap<>();

  /** Volumes whose mountpoint is not visible and whose API reads and writes fail. */
  public final Set<String> failing = new HashSet<>();

  public final List<String> removed = new ArrayList<>();
  public int leftoverSweeps;

  public FakeVolumeHost(String address, Path root) {
    this.address = address;
    this.root = root;
  }

  /** Adds a volume whose directory holds files (relative path to content). */
  public VolumeInfo add(String name, Map<String, String> files, VolumeConsumer... consumers)
      throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
    VolumeInfo info =
        new VolumeInfo(
            address,
            name,
            "local",
            Map.of(),
            Map.of(),
            "local",
            Optional.empty(),
            dir.toString(),
            false,
            List.of(consumers));
    volumes.put(name, info);
    return info;
  }

  /** Gives the volume labels (replacing those it had). */
  public void label(String name, Map<String, String> labels) {
    VolumeInfo v = volumes.get(name);
    volumes.put(
        name,
        new VolumeInfo(
            v.host(),
            v.name(),
            v.driver(),
            v.driverOptions(),
            labels,
            v.scope(),
            v.createdAt(),
            v.mountpoint(),
            v.anonymous(),
            v.consumers()));
  }

  public Path directory(String name) {
    return root.resolve(name);
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String engineId() {
    return "FAKE:" + address;
  }

  @Override
  public List<VolumeInfo> volumes() {
    return List.copyOf(volumes.values());
  }

  @Override
  public VolumeInfo volume(String name) throws DockerHostException {
    VolumeInfo v = volumes.get(name);
    if (v == null) {
      throw new NoSuchVolumeException(name, address);
    }
    return v;
  }

  @Override
  public boolean exists(String name) {
    return volumes.containsKey(name);
  }

  @Override
  public void create(VolumeSpec spec) throws DockerHostException {
    try {
      Files.createDirectories(root.resolve(spec.name()));
    } catch (IOException e) {
      throw new DockerHostException(e.getMessage(), e);
    }
    volumes.put(
        spec.name(),
        new VolumeInfo(
            address,
            spec.name(),
            spec.driver(),
            spec.driverOptions(),
            spec.labels(),
            "local",
            Optional.empty(),
            root.resolve(spec.name()).toString(),
            false,
            List.of()));
  }

  @Override
  public void remove(String name) throws DockerHostException {
    if (!volume(name).consumers().isEmpty()) {
      throw new DockerHostException("volume " + name + " is in use");
    }
    volumes.remove(name);
    removed.add(name);
    try (Stream<Path> paths = Files.walk(root.resolve(name))) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new DockerHostException(e.getMessage(), e);
    }
  }

  @Override
  public void removeWithHelpers(String name) throws DockerHostException {
    remove(name);
  }

  @Override
  public List<VolumeConsumer> consumers(String name) throws DockerHostException {
    return volume(name).consumers();
  }

  @Override
  public boolean isEmpty(String name) throws IOException {
    try (Stream<Path> children = Files.list(root.resolve(volume(name).name()))) {
      return children.findAny().isEmpty();
    }
  }

  @Override
  public Optional<Path> mountpoint(VolumeInfo volume) {
    return failing.contains(volume.name())
        ? Optional.empty()
        : Optional.of(root.resolve(volume.name()));
  }

  @Override
  public InputStream openRead(String name) throws IOException {
    volume(name);
    if (failing.contains(name)) {
      throw new DockerHostException("volume " + name + ": helper container died");
    }
    throw new UnsupportedOperationException("FakeVolumeHost reads through mountpoints only");
  }

  @Override
  public void write(String name, TarWriter writer) throws IOException {
    volume(name);
    if (failing.contains(name)) {
      throw new DockerHostException("volume " + name + ": engine closed the archive stream");
    }
    writer.writeTo(OutputStream.nullOutputStream());
  }

  @Override
  public void removeLeftoverHelpers() {
    leftoverSweeps++;
  }

  @Override
  public boolean hostPathsVisible() {
    return false;
  }

  @Override
  public List<VolumeInfo> sharingDevice(
      VolumeDevice device, String except, boolean resolveLocally) {
    return volumes.values().stream()
        .filter(v -> !v.name().equals(except))
        .filter(v -> VolumeDevice.of(v).map(device::overlaps).orElse(false))
        .toList();
  }

  /** The probes run, in order; each gets probeResult. */
  public final List<io.volback.app.ProbeSpec> probes = new ArrayList<>();

  public io.volback.app.ProbeResult probeResult =
      new io.volback.app.ProbeResult(0, false, java.time.Duration.ZERO, "");

  @Override
  public io.volback.app.ProbeResult runProbe(String volume, io.volback.app.ProbeSpec probe) {
    probes.add(probe);
    return probeResult;
  }
}
