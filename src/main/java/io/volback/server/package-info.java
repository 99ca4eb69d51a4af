/**
 * The service's HTTP side: ServiceHttpServer answers /healthz (liveness), /readyz (scheduler
 * started, repository reachable: a ReadinessProbe), /metrics (ServiceMetrics, the Prometheus text
 * of the runs it heard) and the JSON API under /api/v1 (ApiHandler: jobs, runs, volumes from a
 * VolumeCatalog, policies from a PolicyCatalog, and a trigger guarded by a BearerToken).
 * ServerSettings says where it listens; ListenAddress reads its HOST:PORT.
 */
package io.volback.server;
