package io.volback.cli.json;

import io.volback.app.SnapshotSummary;
import io.volback.repo.snapshot.SourceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SnapshotJson is a snapshot as `snapshots --json` lists it and `ls --json` starts with: restic's
 * names where the meaning is the same (id, short_id, time, hostname, username, tags, parent), then
 * what volback adds (volume, docker_host, source). messageType is set only inside JSON-lines
 * streams.
 */
public record SnapshotJson(
    String messageType,
    String id,
    String shortId,
    Instant time,
    String hostname,
    String username,
    List<String> tags,
    String parent,
    String volume,
    String dockerHost,
    SourceJson source,
    SnapshotSummaryJson summary,
    SkippedJson skipped) {

  public static SnapshotJson of(SnapshotSummary s) {
    SourceInfo src = s.source();
    return new SnapshotJson(
        null,
        s.id(),
        s.shortId(),
        s.time(),
        s.hostname(),
        s.username(),
        s.tags(),
        s.parent(),
        src == null ? null : src.name(),
        src == null ? null : src.dockerHost(),
        src == null ? null : SourceJson.of(src),
        s.stats() == null ? null : SnapshotSummaryJson.of(s.time(), s.stats()),
        SkippedJson.of(s.skipped()));
  }

  /** This record as the first line of a JSON-lines stream (`ls --json`). */
  public SnapshotJson inStream() {
    return new SnapshotJson(
        "snapshot",
        id,
        shortId,
        time,
        hostname,
        username,
        tags,
        parent,
        volume,
        dockerHost,
        source,
        summary,
        skipped);
  }

  /**
   * SourceJson is what the snapshot was taken of: kind "volume" or "directory", its name, for
   * directories the path, for volumes the Docker host (address and engine ID), driver, driver
   * options (secrets hidden), labels, scope and the containers that mounted it; read_path is "api"
   * or "mountpoint" for volumes, "directory" for directories.
   */
  public record SourceJson(
      String kind,
      String name,
      String path,
      String dockerHost,
      String dockerEngineId,
      String driver,
      Map<String, String> driverOptions,
      Map<String, String> labels,
      String scope,
      List<ConsumerJson> consumers,
      String readPath) {
    static SourceJson of(SourceInfo s) {
      return new SourceJson(
          s.kind(),
          s.name(),
          s.directoryPath(),
          s.dockerHost(),
          s.dockerEngineId(),
          s.driver(),
          s.driverOptions(),
          s.labels(),
          s.scope(),
          s.consumers().stream()
              .map(
                  c ->
                      new ConsumerJson(
                          c.container(), c.id(), c.running(), c.mountPath(), c.readOnly()))
              .toList(),
          s.isDirectory() ? SourceInfo.DIRECTORY : s.readPath());
    }
  }

  /** ConsumerJson is a container that mounted the volume when the snapshot was taken. */
  public record ConsumerJson(
      String container, String id, boolean running, String mountPath, boolean readOnly) {}
}
