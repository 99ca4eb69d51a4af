package io.volback.hooks;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import io.volback.concurrent.Interrupts;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.OutputTail;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** DockerContainerOps stops, starts and execs in containers of one Docker host. */
public final class DockerContainerOps implements ContainerOps {
  private final DockerHost host;

  public DockerContainerOps(DockerHost host) {
    this.host = host;
  }

  @Override
  public boolean stop(String id) throws IOException {
    try {
      // No timeout given: the engine uses the container's own (StopTimeout, 10 s by default).
      host.client().stopContainerCmd(id).exec();
      return true;
    } catch (NotModifiedException alreadyStopped) {
      return false;
    } catch (DockerException e) {
      throw failure("stop", id, e);
    }
  }

  @Override
  public void start(String id) throws IOException {
    try {
      host.client().startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // started by someone else meanwhile: what we wanted
    } catch (DockerException e) {
      throw failure("start", id, e);
    }
  }

  @Override
  public ExecResult exec(String id, String command, Duration timeout) throws IOException {
    String execId;
    try {
      execId =
          host.client()
              .execCreateCmd(id)
              .withCmd("sh", "-c", command)
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec()
              .getId();
    } catch (DockerException e) {
      throw failure("run a command in", id, e);
    }
    OutputTail tail = new OutputTail();
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            tail.append(frame.getPayload());
          }
        };
    try (ResultCallback.Adapter<Frame> running =
        host.client().execStartCmd(execId).exec(callback)) {
      if (!running.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return new ExecResult(null, true, tail.text());
      }
    } catch (InterruptedException e) {
      throw Interrupts.interrupted("running a command in container " + id);
    } catch (DockerException e) {
      throw failure("run a command in", id, e);
    }
    try {
      InspectExecResponse done = host.client().inspectExecCmd(execId).exec();
      return new ExecResult(done.getExitCodeLong(), false, tail.text());
    } catch (DockerException e) {
      throw failure("inspect a command in", id, e);
    }
  }

  private DockerHostException failure(String action, String id, DockerException e) {
    return new DockerHostException(
        "cannot " + action + " container " + id + " on " + host.address() + ": " + e.getMessage(),
        e);
  }
}
