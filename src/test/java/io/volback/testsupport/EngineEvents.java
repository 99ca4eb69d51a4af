package io.volback.testsupport;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.volback.docker.DockerHost;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * EngineEvents records containers' events live, from the moment it is started. A later query with
 * since/until would not do: the engine keeps only its last 256 events for it, and tests running
 * beside each other produce more than that.
 */
public final class EngineEvents extends ResultCallback.Adapter<Event> {
  private final List<Event> events = new CopyOnWriteArrayList<>();

  private EngineEvents() {}

  /** Starts recording the actions (e.g. "stop", "start") of the containers ids on host. */
  public static EngineEvents record(DockerHost host, List<String> actions, String... ids)
      throws InterruptedException {
    EngineEvents recorder = new EngineEvents();
    host.client()
        .eventsCmd()
        .withContainerFilter(ids)
        .withEventFilter(actions.toArray(String[]::new))
        .exec(recorder);
    if (!recorder.awaitStarted(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the engine's event stream did not start within 30 s");
    }
    return recorder;
  }

  @Override
  public void onNext(Event e) {
    events.add(e);
  }

  /** The recorded events of the container id, in the order the engine sent them. */
  public List<Event> of(String id) {
    return events.stream().filter(e -> id.equals(e.getId())).toList();
  }

  /** The actions of of(id). */
  public List<String> actions(String id) {
    return of(id).stream().map(Event::getAction).toList();
  }

  public static Instant time(Event e) {
    return Instant.ofEpochSecond(0, e.getTimeNano());
  }
}
