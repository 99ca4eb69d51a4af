package io.volback.server;

import com.sun.net.httpserver.HttpExchange;
import io.volback.schedule.ServiceScheduler;
import java.io.IOException;
import java.util.Optional;

/** HealthHandlers answers /healthz (the process runs) and /readyz (it can do its work). */
final class HealthHandlers {
  private final ServiceScheduler scheduler;
  private final ReadinessProbe probe;

  HealthHandlers(ServiceScheduler scheduler, ReadinessProbe probe) {
    this.scheduler = scheduler;
    this.probe = probe;
  }

  void healthz(HttpExchange exchange) throws IOException {
    if (Exchanges.readOnly(exchange)) {
      Exchanges.sendJson(exchange, 200, new ApiJson.Status("ok", null));
    }
  }

  void readyz(HttpExchange exchange) throws IOException {
    if (!Exchanges.readOnly(exchange)) {
      return;
    }
    Optional<String> reason = notReadyReason();
    if (reason.isPresent()) {
      Exchanges.sendJson(exchange, 503, new ApiJson.Status("not_ready", reason.get()));
    } else {
      Exchanges.sendJson(exchange, 200, new ApiJson.Status("ready", null));
    }
  }

  private Optional<String> notReadyReason() {
    if (!scheduler.isStarted()) {
      return Optional.of("the scheduler is not started");
    }
    try {
      return probe.notReadyReason();
    } catch (Exception e) {
      return Optional.of("the readiness check failed: " + e.getMessage());
    }
  }
}
