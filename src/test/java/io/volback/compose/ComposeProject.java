package io.volback.compose;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.volback.compose.ComposeFile.Mount;
import io.volback.compose.ComposeFile.Service;
import io.volback.docker.DockerHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * ComposeProject does what {@code docker compose up} and {@code run} do for a {@link ComposeFile},
 * through the Docker API, with compose's names and labels: volumes {@code PROJECT_VOLUME},
 * containers {@code PROJECT-SERVICE-1} (one-offs {@code PROJECT-SERVICE-run-ID}), secrets as
 * read-only files under /run/secrets, relative binds from the file's folder; changed only as the
 * {@link Adaptation} says. Every wait is bounded.
 */
final class ComposeProject {
  static final String PROJECT_LABEL = "com.docker.compose.project";

  private final DockerHost host;
  private final ComposeFile file;
  private final Adaptation adaptation;

  ComposeProject(DockerHost host, ComposeFile file, Adaptation adaptation) {
    this.host = host;
    this.file = file;
    this.adaptation = adaptation;
  }

  String project() {
    return adaptation.project != null ? adaptation.project : file.name();
  }

  String volumeName(String volume) {
    return project() + "_" + volume;
  }

  String containerName(String service) {
    return project() + "-" + service + "-1";
  }

  /** Creates the file's named volumes with their labels (compose's first step of up). */
  void createVolumes() {
    file.volumes()
        .forEach(
            (name, fileLabels) -> {
              Map<String, String> labels = new HashMap<>(fileLabels);
              labels.putAll(adaptation.volumeLabels.getOrDefault(name, Map.of()));
              labels.put(PROJECT_LABEL, project());
              labels.put("com.docker.compose.volume", name);
              labels.putAll(adaptation.extraLabels);
              host.client()
                  .createVolumeCmd()
                  .withName(volumeName(name))
                  .withDriver("local")
                  .withLabels(labels)
                  .exec();
            });
  }

  /** Creates and starts the service's container; returns its id. */
  String up(String service) {
    String id = create(service, containerName(service), null, false).exec().getId();
    host.client().startContainerCmd(id).exec();
    return id;
  }

  /**
   * {@code docker compose run --rm SERVICE COMMAND...}: a one-off container of the service with
   * another command, waited for at most {@code limit}, then removed.
   */
  Result run(String service, List<String> command, Duration limit) throws InterruptedException {
    String name =
        project() + "-" + service + "-run-" + UUID.randomUUID().toString().substring(0, 8);
    String id = create(service, name, command, true).exec().getId();
    try {
      host.client().startContainerCmd(id).exec();
      Instant deadline = Instant.now().plus(limit);
      InspectContainerResponse.ContainerState state = state(id);
      while (Boolean.TRUE.equals(state.getRunning()) && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
        state = state(id);
      }
      if (Boolean.TRUE.equals(state.getRunning())) {
        throw new AssertionError(
            "one-off "
                + command
                + " of "
                + service
                + " still runs after "
                + limit
                + ":\n"
                + logs(id));
      }
      return new Result(state.getExitCodeLong().intValue(), logs(id));
    } finally {
      host.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    }
  }

  /**
   * {@code docker compose down -v} for the containers: removes the project's containers with their
   * anonymous volumes (the image's VOLUMEs the file does not mount); named volumes stay.
   */
  void removeContainers() {
    for (Container c :
        host.client()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(PROJECT_LABEL, project()))
            .exec()) {
      host.client().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
    }
  }

  /** A container's exit code and its output (stdout and stderr interleaved). */
  record Result(int exitCode, String output) {}

  /** {@code docker exec}: runs a command in a running container, at most {@code limit}. */
  Result exec(String container, List<String> command, Duration limit) throws InterruptedException {
    String execId =
        host.client()
            .execCreateCmd(container)
            .withCmd(command.toArray(String[]::new))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder output = new StringBuilder();
    try (ResultCallback.Adapter<Frame> running =
        host.client().execStartCmd(execId).exec(collect(output))) {
      if (!running.awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(command + " did not end within " + limit + ":\n" + output);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    Long code = host.client().inspectExecCmd(execId).exec().getExitCodeLong();
    return new Result(code == null ? -1 : code.intValue(), output.toString());
  }

  /** The container's output so far. */
  String logs(String container) throws InterruptedException {
    StringBuilder output = new StringBuilder();
    try (ResultCallback.Adapter<Frame> reading =
        host.client()
            .logContainerCmd(container)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(false)
            .exec(collect(output))) {
      reading.awaitCompletion(30, TimeUnit.SECONDS);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    synchronized (output) {
      return output.toString();
    }
  }

  private InspectContainerResponse.ContainerState state(String id) {
    return host.client().inspectContainerCmd(id).exec().getState();
  }

  private CreateContainerCmd create(
      String serviceName, String name, List<String> commandOverride, boolean oneOff) {
    Service service = file.service(serviceName);
    List<String> command =
        commandOverride != null
            ? commandOverride
            : adaptation.commands.getOrDefault(serviceName, service.command());
    Map<String, String> labels = new HashMap<>(service.labels());
    labels.put(PROJECT_LABEL, project());
    labels.put("com.docker.compose.service", serviceName);
    labels.put("com.docker.compose.oneoff", oneOff ? "True" : "False");
    labels.put("com.docker.compose.container-number", "1");
    labels.putAll(adaptation.extraLabels);
    Map<String, String> variables = new HashMap<>(service.environment());
    variables.putAll(adaptation.environment.getOrDefault(serviceName, Map.of()));
    List<String> env = new ArrayList<>();
    variables.forEach((k, v) -> env.add(k + "=" + v));
    HostConfig hostConfig = HostConfig.newHostConfig().withBinds(binds(service));
    if (adaptation.networkMode != null) {
      hostConfig.withNetworkMode(adaptation.networkMode);
    }
    if (!oneOff) {
      hostConfig.withRestartPolicy(RestartPolicy.parse(service.restart()));
    }
    CreateContainerCmd create =
        host.client()
            .createContainerCmd(adaptation.images.getOrDefault(serviceName, service.image()))
            .withName(name)
            .withEnv(env)
            .withLabels(labels)
            .withHostConfig(hostConfig);
    if (!command.isEmpty()) {
      create.withCmd(command);
    }
    Duration health = adaptation.healthIntervals.get(serviceName);
    if (health != null && !oneOff) {
      long nanos = health.toNanos();
      // The image's test command stays; only its timing changes (a null test keeps the image's).
      create.withHealthcheck(
          new HealthCheck().withInterval(nanos).withStartPeriod(0L).withTimeout(5_000_000_000L));
    }
    return create;
  }

  private List<Bind> binds(Service service) {
    List<Bind> binds = new ArrayList<>();
    for (Mount m : service.mounts()) {
      AccessMode mode = m.readOnly() ? AccessMode.ro : AccessMode.rw;
      String source =
          m.isBind()
              ? adaptation
                  .bindSources
                  .getOrDefault(m.source(), file.hostPath(m.source()))
                  .toString()
              : volumeName(m.source());
      binds.add(new Bind(source, new Volume(m.target()), mode));
    }
    for (String secret : service.secrets()) {
      Path source =
          adaptation.secretFiles.getOrDefault(
              secret, file.hostPath(file.secrets().get(secret).toString()));
      binds.add(new Bind(source.toString(), new Volume("/run/secrets/" + secret), AccessMode.ro));
    }
    return binds;
  }

  private static ResultCallback.Adapter<Frame> collect(StringBuilder output) {
    return new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        synchronized (output) {
          output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }
      }
    };
  }
}
