package io.volback.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.volback.concurrent.ProcessOwner;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HelperContainer is a never-started container from the HelperImage with one volume mounted at
 * /data, so the volume can be streamed through the archive endpoints. close() force-removes it;
 * helpers still open when the JVM shuts down are removed by a shutdown hook.
 */
public final class HelperContainer implements AutoCloseable {
  /** The label every helper carries; {@link #removeLeftoverHelpers} finds helpers by it. */
  public static final String LABEL = "io.volback.helper";

  /** "probe" on drill probe containers (ProbeContainer); plain helpers do not carry it. */
  public static final String KIND_LABEL = LABEL + ".kind";

  static final String PROBE_KIND = "probe";

  public static final String MOUNT_PATH = "/data";
  private static final Logger log = LoggerFactory.getLogger(HelperContainer.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How the volume is mounted into the helper. */
  public enum Access {
    READ_ONLY,
    READ_WRITE
  }

  private final DockerHost host;
  private final String volume;
  private volatile String id;
  private volatile boolean removed;
  // Probe images may declare VOLUMEs: their anonymous volumes go with the container.
  private final boolean removeAnonymousVolumes;

  private HelperContainer(DockerHost host, String volume, String id) {
    this(host, volume, id, false);
  }

  private HelperContainer(
      DockerHost host, String volume, String id, boolean removeAnonymousVolumes) {
    this.host = host;
    this.volume = volume;
    this.id = id;
    this.removeAnonymousVolumes = removeAnonymousVolumes;
  }

  /**
   * Registers a probe container about to be created under name, so that close() and the shutdown
   * hook remove it (with its anonymous volumes) like any helper; call created() with its id.
   */
  static HelperContainer trackProbe(DockerHost host, String volume, String name)
      throws InterruptedIOException {
    HelperContainer probe = new HelperContainer(host, volume, name, true);
    LiveHelpers.add(probe);
    return probe;
  }

  void created(String containerId) {
    this.id = containerId;
  }

  /** The labels of a helper (or probe, with kind) of volume owned by this process. */
  static Map<String, String> labels(String volume, String kind) {
    Map<String, String> labels = new HashMap<>();
    labels.put(LABEL, "true");
    labels.put(LABEL + ".volume", volume);
    labels.put(LABEL + ".owner", ProcessOwner.current());
    if (kind != null) {
      labels.put(KIND_LABEL, kind);
    }
    return labels;
  }

  /** Creates a helper for an existing volume (never creates the volume: a typo must not). */
  public static HelperContainer create(DockerHost host, String volume, Access access)
      throws IOException {
    requireVolume(host, volume);
    HelperImage.ensure(host);
    byte[] suffix = new byte[6];
    RANDOM.nextBytes(suffix);
    String name = "volback-helper-" + HexFormat.of().formatHex(suffix);
    AccessMode mode = access == Access.READ_ONLY ? AccessMode.ro : AccessMode.rw;
    // Registered under its name before it exists, so an interrupt during the create removes it too.
    HelperContainer helper = new HelperContainer(host, volume, name);
    LiveHelpers.add(helper);
    boolean created = false;
    try {
      try {
        helper.id = createContainer(host, volume, name, mode);
      } catch (NotFoundException imageRemoved) {
        // Someone removed the image between ensure() and the create (an `image prune`): once more.
        HelperImage.ensure(host);
        helper.id = createContainer(host, volume, name, mode);
      }
      created = true;
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "create a helper container for volume " + volume, e);
    } finally {
      if (!created) {
        LiveHelpers.remove(helper);
      }
    }
    return helper;
  }

  private static String createContainer(
      DockerHost host, String volume, String name, AccessMode mode) {
    return host.client()
        .createContainerCmd(HelperImage.NAME)
        .withName(name)
        .withCmd("/nonexistent")
        .withLabels(labels(volume, null))
        .withHostConfig(
            HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withBinds(new Bind(volume, new Volume(MOUNT_PATH), mode)))
        .exec()
        .getId();
  }

  public String id() {
    return id;
  }

  public String volume() {
    return volume;
  }

  public DockerHost host() {
    return host;
  }

  /**
   * Force-removes the helper; failures are logged, never thrown, so cleanup cannot mask an error.
   * Synchronized: the shutdown hook and the thread that used the helper may both close it.
   */
  @Override
  public synchronized void close() {
    if (removed) {
      return;
    }
    try {
      host.client()
          .removeContainerCmd(id)
          .withForce(true)
          .withRemoveVolumes(removeAnonymousVolumes) // named volumes are never removed by this
          .exec(); // an id, or the name until created
      removed = true;
    } catch (NotFoundException gone) {
      removed = true;
    } catch (RuntimeException e) {
      log.warn(
          "could not remove helper container {} of volume {} on Docker host {}: {}",
          id,
          volume,
          host,
          e.getMessage());
    } finally {
      LiveHelpers.remove(this);
    }
  }

  /**
   * Removes helpers left by volback processes that were killed: those whose owner ran on this
   * machine and is gone, and those of any owner older than ABANDONED_AFTER. Helpers of live
   * processes (other volback runs included) are left alone. Returns how many were removed.
   */
  public static int removeLeftoverHelpers(DockerHost host) throws DockerHostException {
    List<Container> helpers;
    try {
      helpers =
          host.client()
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of(LABEL, "true"))
              .exec();
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "list helper containers", e);
    }
    int removedCount = 0;
    long now = System.currentTimeMillis() / 1000;
    for (Container c : helpers) {
      String owner = c.getLabels().getOrDefault(LABEL + ".owner", "");
      boolean abandoned = c.getCreated() != null && now - c.getCreated() > ABANDONED_AFTER_SECONDS;
      if (!LiveHelpers.contains(c.getId()) && (abandoned || ProcessOwner.isGoneHere(owner))) {
        HelperContainer leftover =
            new HelperContainer(
                host,
                c.getLabels().getOrDefault(LABEL + ".volume", "?"),
                c.getId(),
                PROBE_KIND.equals(c.getLabels().get(KIND_LABEL)));
        leftover.close();
        removedCount += leftover.removed ? 1 : 0;
      }
    }
    return removedCount;
  }

  private static final long ABANDONED_AFTER_SECONDS = 7 * 24 * 3600;

  static void requireVolume(DockerHost host, String volume) throws DockerHostException {
    try {
      host.client().inspectVolumeCmd(volume).exec();
    } catch (NotFoundException e) {
      throw new NoSuchVolumeException(volume, host);
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "inspect volume " + volume, e);
    }
  }
}
