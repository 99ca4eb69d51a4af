package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.maintenance.LocalTimes;
import io.volback.testsupport.Cli;
import io.volback.testsupport.Processes;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same snapshot dates in a volback repository (backup --time) and a restic repository (restic
 * 0.14, Debian's): forget --dry-run --json keeps the same snapshots for the same reasons under the
 * same policies, with TZ=Europe/Berlin in both processes. The policies avoid the two places where
 * restic 0.14 differs from 0.16+ (and volback): -1 counts and keeping the oldest snapshot while a
 * count has buckets left.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ForgetMatchesResticTest {
  private static final String TZ = "Europe/Berlin";
  private static final Path RESTIC = Path.of("/usr/bin/restic");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Month, year and ISO week edges, the spring DST change, several snapshots in one bucket. */
  private static final List<String> DATES =
      List.of(
          "2025-11-30 10:00:00",
          "2025-12-20 10:00:00",
          "2025-12-27 23:30:00",
          "2025-12-28 12:00:00",
          "2025-12-29 00:30:00",
          "2025-12-31 23:30:00",
          "2026-01-01 00:30:00",
          "2026-01-01 09:00:00",
          "2026-01-04 23:59:59",
          "2026-01-05 00:00:00",
          "2026-01-31 23:30:00",
          "2026-02-01 00:30:00",
          "2026-02-15 12:00:00",
          "2026-02-28 12:00:00",
          "2026-03-01 12:00:00",
          "2026-03-27 12:00:00",
          "2026-03-28 11:30:00",
          "2026-03-28 12:30:00",
          "2026-03-29 01:30:00",
          "2026-03-29 03:30:00",
          "2026-03-29 12:00:00",
          "2026-03-30 08:00:00",
          "2026-03-30 08:30:00",
          "2026-03-30 09:10:00",
          "2026-03-30 18:00:00",
          "2026-03-31 06:00:00",
          "2026-03-31 06:59:59",
          "2026-03-31 07:00:00",
          "2026-03-31 07:00:01",
          "2026-03-31 12:00:00");

  private static final List<List<String>> POLICIES =
      List.of(
          List.of("--keep-daily", "5"),
          List.of("--keep-weekly", "3", "--keep-monthly", "2"),
          List.of("--keep-last", "2", "--keep-hourly", "4", "--keep-yearly", "1"),
          List.of("--keep-within", "2d"),
          List.of("--keep-within", "1m3d"),
          List.of("--keep-within-daily", "4d", "--keep-monthly", "3"),
          List.of("--keep-within-hourly", "1d", "--keep-within-weekly", "1m"),
          List.of("--keep-tag", "pinned", "--keep-daily", "2"));

  @TempDir Path tmp;

  @Test
  void forgetKeepsWhatResticKeepsForTheSameDates() throws Exception {
    assertThat(Files.isExecutable(RESTIC))
        .as("restic (Debian's 0.14) must be installed: scripts/setup-machine.sh installs it")
        .isTrue();
    Path data = Files.createDirectories(tmp.resolve("www"));
    Path password = Cli.passwordFile(tmp, "pw");
    String repo = tmp.resolve("volback-repo").toString();
    Cli cli = new Cli(repo, password);
    ok(cli.run("init"));
    Path resticRepo = tmp.resolve("restic-repo");
    restic(resticRepo, "init");

    Map<Instant, String> contentAt = new LinkedHashMap<>();
    for (int i = 0; i < DATES.size(); i++) {
      String date = DATES.get(i);
      String content = "state at " + date;
      Files.writeString(data.resolve("file"), content);
      List<String> tags = i % 11 == 3 ? List.of("--tag", "pinned") : List.of();
      Instant t =
          LocalTimes.resolve(LocalDateTime.parse(date.replace(' ', 'T')), ZoneId.of(TZ))
              .toInstant();
      contentAt.put(t, content);
      if (i == 0) {
        // restic's local format through a child process with TZ set: what a user types
        ok(
            volback(
                repo,
                password,
                concat(
                    List.of(
                        "backup",
                        "--path",
                        data.toString(),
                        "--name",
                        "www",
                        "--hostname",
                        "vm1",
                        "--time",
                        date),
                    tags)));
      } else {
        ok(
            cli.run(
                concat(
                        List.of(
                            "backup",
                            "--path",
                            data.toString(),
                            "--name",
                            "www",
                            "--hostname",
                            "vm1",
                            "--time",
                            t.toString()),
                        tags)
                    .toArray(String[]::new)));
      }
      restic(
          resticRepo,
          concat(
                  List.of("backup", "--host", "vm1", "--time", date),
                  concat(tags, List.of(data.toString())))
              .toArray(String[]::new));
    }
    assertThat(snapshotTimes(ok(cli.run("--json", "snapshots")).out()))
        .containsExactlyInAnyOrderElementsOf(contentAt.keySet());

    // The child process reads its zone from TZ; the in-process runs get it as the default zone.
    String child =
        ok(volback(
                repo, password, concat(List.of("--json", "forget", "--dry-run"), POLICIES.get(0))))
            .out();
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(TZ));
    JsonNode removed;
    try {
      assertThat(JSON.readTree(forget(cli, "--dry-run", POLICIES.get(0))))
          .isEqualTo(JSON.readTree(child));
      for (List<String> policy : POLICIES) {
        JsonNode ours = JSON.readTree(forget(cli, "--dry-run", policy));
        JsonNode theirs =
            JSON.readTree(
                restic(
                    resticRepo,
                    concat(List.of("forget", "--dry-run", "--json"), policy)
                        .toArray(String[]::new)));
        assertThat(ours).as("groups for %s", policy).hasSize(1);
        assertThat(theirs).as("restic's groups for %s", policy).hasSize(1);
        boolean reasons = !policy.contains("--keep-tag");
        assertThat(keptWithReasons(ours.get(0), "time", reasons))
            .as("kept by %s", policy)
            .isEqualTo(keptWithReasons(theirs.get(0), "time", reasons));
      }
      removed = JSON.readTree(forget(cli, "--keep-last=0", POLICIES.get(1)));
    } finally {
      TimeZone.setDefault(saved);
    }
    List<Instant> kept = times(removed.get(0).get("keep"));
    assertThat(snapshotTimes(ok(cli.run("--json", "snapshots")).out()))
        .containsExactlyInAnyOrderElementsOf(kept);
    String oldestKeptId = removed.get(0).get("keep").get(kept.size() - 1).get("id").asText();
    Path tar = tmp.resolve("oldest.tar");
    ok(cli.run("export", oldestKeptId, "-o", tar.toString()));
    Path out = Files.createDirectories(tmp.resolve("untar"));
    Processes.Finished untar =
        Processes.run(
            new ProcessBuilder("tar", "-xf", tar.toString(), "-C", out.toString()),
            Duration.ofMinutes(1));
    assertThat(untar.exitCode()).as(untar.output()).isZero();
    try (Stream<Path> files = Files.walk(out)) {
      Path file =
          files.filter(p -> p.getFileName().toString().equals("file")).findFirst().orElseThrow();
      assertThat(Files.readString(file)).isEqualTo(contentAt.get(kept.get(kept.size() - 1)));
    }
  }

  /** Kept snapshot time (as an instant) to its reasons, newest first. */
  private static Map<Instant, List<String>> keptWithReasons(
      JsonNode group, String field, boolean withReasons) {
    Map<Instant, List<String>> out = new LinkedHashMap<>();
    JsonNode keep = group.get("keep");
    JsonNode reasons = group.get("reasons");
    for (int i = 0; i < keep.size(); i++) {
      List<String> matches = new ArrayList<>();
      if (withReasons) {
        reasons.get(i).get("matches").forEach(m -> matches.add(m.asText()));
      }
      out.put(instant(keep.get(i).get(field).asText()), matches);
    }
    return out;
  }

  private static String forget(Cli cli, String option, List<String> policy) {
    return ok(cli.run(concat(List.of("--json", "forget", option), policy).toArray(String[]::new)))
        .out();
  }

  private static List<Instant> times(JsonNode snapshots) {
    List<Instant> out = new ArrayList<>();
    snapshots.forEach(s -> out.add(instant(s.get("time").asText())));
    return out;
  }

  private static List<Instant> snapshotTimes(String json) throws Exception {
    return times(JSON.readTree(json));
  }

  private static Instant instant(String time) {
    return OffsetDateTime.parse(time).toInstant();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static Cli.Result volback(String repo, Path password, List<String> args)
      throws Exception {
    List<String> all = new ArrayList<>(List.of("-r", repo, "--password-file", password.toString()));
    all.addAll(args);
    return VolbackProcess.run(Map.of("TZ", TZ), all.toArray(String[]::new));
  }

  /** Runs restic quietly with TZ set; returns its output from the first JSON bracket, if any. */
  private static String restic(Path repo, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(RESTIC.toString(), "-q", "-r", repo.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("RESTIC_PASSWORD", "pw");
    pb.environment().put("TZ", TZ);
    pb.environment().put("RESTIC_CACHE_DIR", repo.resolveSibling("restic-cache").toString());
    Processes.Finished f = Processes.run(pb, Duration.ofMinutes(2));
    assertThat(f.exitCode()).as("restic %s: %s", command, f.output()).isZero();
    String text = f.output();
    int json = text.indexOf('[');
    return json < 0 ? text : text.substring(json);
  }
}
