package io.volback.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import io.volback.concurrent.Interrupts;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ProbeContainer runs a drill's application probe: a container from an image already on the host
 * (never pulled), with one volume mounted read-write, running {@code sh -c command} without a
 * network. It is labelled like a helper container (kind "probe"), so the shutdown hook and the
 * leftover sweep remove it too, and it is always removed when run returns.
 */
public final class ProbeContainer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LOG_READ_LIMIT = Duration.ofSeconds(30);
  private static final Duration WAIT_SLICE = Duration.ofMinutes(1);
  // json-file, bounded: a chatty probe cannot fill the disk, and only the tail is kept anyway.
  private static final LogConfig LOGS =
      new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "1"));

  /** How the probe ended: its exit code (null when cut at the timeout), duration, output tail. */
  public record Outcome(Integer exitCode, boolean timedOut, Duration duration, String outputTail) {}

  private ProbeContainer() {}

  /** Runs the probe and waits at most timeout for it; the container is removed in every case. */
  public static Outcome run(
      DockerHost host, String volume, String image, String command, String mount, Duration timeout)
      throws IOException {
    HelperContainer.requireVolume(host, volume);
    requireImage(host, image);
    byte[] suffix = new byte[6];
    RANDOM.nextBytes(suffix);
    String name = "volback-probe-" + HexFormat.of().formatHex(suffix);
    // Tracked under its name before it exists, so an interrupt during the create removes it too.
    HelperContainer container = HelperContainer.trackProbe(host, volume, name);
    try {
      container.created(create(host, name, volume, image, command, mount));
      return startAndWait(host, container.id(), volume, timeout);
    } finally {
      container.close();
    }
  }

  private static void requireImage(DockerHost host, String image) throws DockerHostException {
    try {
      host.client().inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      throw new DockerHostException(
          "image "
              + image
              + " is not on Docker host "
              + host
              + ": load it there (docker load / docker import) before the drill",
          404,
          e);
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "inspect image " + image, e);
    }
  }

  private static String create(
      DockerHost host, String name, String volume, String image, String command, String mount)
      throws DockerHostException {
    try {
      // The entrypoint, not the cmd: an image's own entrypoint must not decide what runs.
      return host.client()
          .createContainerCmd(image)
          .withName(name)
          .withEntrypoint("sh", "-c", command)
          .withLabels(HelperContainer.labels(volume, HelperContainer.PROBE_KIND))
          .withHostConfig(
              HostConfig.newHostConfig()
                  .withNetworkMode("none")
                  .withLogConfig(LOGS)
                  .withBinds(new Bind(volume, new Volume(mount), AccessMode.rw)))
          .exec()
          .getId();
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "create a probe container for volume " + volume, e);
    }
  }

  private static Outcome startAndWait(DockerHost host, String id, String volume, Duration timeout)
      throws IOException {
    long started = System.nanoTime();
    try {
      host.client().startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "start the probe container for volume " + volume, e);
    }
    long deadline = started + timeout.toNanos();
    Integer exitCode = null;
    boolean finished = false;
    // Waited for in slices, each a new wait request: one request held open for a long timeout
    // would outlast the transport's response timeout.
    while (!finished && System.nanoTime() < deadline) {
      long slice = Math.min(deadline - System.nanoTime(), WAIT_SLICE.toNanos());
      try (ResultCallback.Adapter<WaitResponse> waiting =
          host.client().waitContainerCmd(id).exec(new ResultCallback.Adapter<>())) {
        if (!waiting.awaitCompletion(Math.max(1, slice / 1_000_000), TimeUnit.MILLISECONDS)) {
          continue;
        }
      } catch (InterruptedException e) {
        throw Interrupts.interrupted("waiting for the probe of volume " + volume);
      } catch (IOException | RuntimeException e) {
        throw EngineApi.failure(host, "wait for the probe container of volume " + volume, e);
      }
      InspectContainerResponse.ContainerState state = state(host, id, volume);
      finished = !Boolean.TRUE.equals(state.getRunning());
      if (finished) {
        Long code = state.getExitCodeLong();
        exitCode = code == null ? null : code.intValue();
      } else {
        pause(volume); // the wait ended early (an engine hiccup): do not spin
      }
    }
    if (!finished) {
      kill(host, id);
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    return new Outcome(exitCode, !finished, duration, outputTail(host, id, volume));
  }

  private static InspectContainerResponse.ContainerState state(
      DockerHost host, String id, String volume) throws DockerHostException {
    try {
      return host.client().inspectContainerCmd(id).exec().getState();
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "inspect the probe container of volume " + volume, e);
    }
  }

  private static void pause(String volume) throws IOException {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("waiting for the probe of volume " + volume);
    }
  }

  private static void kill(DockerHost host, String id) throws DockerHostException {
    try {
      host.client().killContainerCmd(id).exec();
    } catch (NotModifiedException | ConflictException alreadyStopped) {
      // it ended just as the timeout hit: it still counts as cut
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "stop the probe container " + id, e);
    }
  }

  private static String outputTail(DockerHost host, String id, String volume) throws IOException {
    OutputTail tail = new OutputTail();
    try (ResultCallback.Adapter<Frame> reading =
        host.client()
            .logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(false)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Frame frame) {
                    tail.append(frame.getPayload());
                  }
                })) {
      reading.awaitCompletion(LOG_READ_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("reading the output of the probe of volume " + volume);
    } catch (RuntimeException e) {
      throw EngineApi.failure(host, "read the output of the probe of volume " + volume, e);
    }
    return tail.text();
  }
}
