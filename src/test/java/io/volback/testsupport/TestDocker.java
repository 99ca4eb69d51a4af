package io.volback.testsupport;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.HelperContainer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * TestDocker creates volumes and containers labelled {@code io.volback.test=true} with unique
 * names, and removes everything this test JVM created with {@link #removeAll}. A run label scopes
 * the cleanup so concurrent test runs on the same engine leave each other alone.
 */
public final class TestDocker {
  public static final String LABEL = "io.volback.test";
  public static final String RUN_LABEL = "io.volback.test.run";
  public static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

  private TestDocker() {}

  public static Map<String, String> testLabels() {
    return Map.of(LABEL, "true", RUN_LABEL, RUN_ID);
  }

  /** Test labels plus {@code extra}. */
  public static Map<String, String> testLabels(Map<String, String> extra) {
    Map<String, String> labels = new HashMap<>(extra);
    labels.putAll(testLabels());
    return labels;
  }

  public static String uniqueName(String prefix) {
    return "volback-test-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a local volume with a unique name and the test labels; returns its name. */
  public static String createVolume(DockerHost host, String prefix) {
    return createVolume(host, prefix, Map.of(), Map.of());
  }

  public static String createVolume(
      DockerHost host,
      String prefix,
      Map<String, String> driverOptions,
      Map<String, String> labels) {
    String name = uniqueName(prefix);
    host.client()
        .createVolumeCmd()
        .withName(name)
        .withDriver("local")
        .withDriverOpts(driverOptions)
        .withLabels(testLabels(labels))
        .exec();
    return name;
  }

  /** Starts a busybox container running {@code sleep 3600} with the volume mounted. */
  public static String runSleeper(
      DockerHost host, String volume, String mountPath, boolean readOnly)
      throws DockerHostException {
    String id = createContainer(host, volume, mountPath, readOnly, Map.of());
    host.client().startContainerCmd(id).exec();
    return id;
  }

  /** Creates (never starts) a busybox container with the volume mounted; returns its id. */
  public static String createContainer(
      DockerHost host,
      String volume,
      String mountPath,
      boolean readOnly,
      Map<String, String> labels)
      throws DockerHostException {
    return host.client()
        .createContainerCmd(TestImages.busybox(host))
        .withName(uniqueName("ctr"))
        .withCmd("sleep", "3600")
        .withLabels(testLabels(labels))
        .withHostConfig(
            HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withBinds(
                    new Bind(
                        volume, new Volume(mountPath), readOnly ? AccessMode.ro : AccessMode.rw)))
        .exec()
        .getId();
  }

  /** The helper containers (of any process) that mount {@code volume}. */
  public static List<Container> helpersOf(DockerHost host, String volume) {
    return host.client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(HelperContainer.LABEL + ".volume", volume))
        .exec();
  }

  /** Removes the containers, then the volumes, this test JVM created on the host. */
  public static void removeAll(DockerHost host) {
    Map<String, String> run = Map.of(RUN_LABEL, RUN_ID);
    for (Container c :
        host.client().listContainersCmd().withShowAll(true).withLabelFilter(run).exec()) {
      host.client().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(false).exec();
    }
    var volumes =
        host.client()
            .listVolumesCmd()
            .withFilter("label", List.of(RUN_LABEL + "=" + RUN_ID))
            .exec();
    if (volumes.getVolumes() != null) {
      for (var volume : volumes.getVolumes()) {
        helpersOf(host, volume.getName())
            .forEach(h -> host.client().removeContainerCmd(h.getId()).withForce(true).exec());
        host.client().removeVolumeCmd(volume.getName()).exec();
      }
    }
  }
}
