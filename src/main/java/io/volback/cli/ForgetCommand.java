package io.volback.cli;

import io.volback.app.ForgetSnapshots;
import io.volback.app.PruneRepository;
import io.volback.app.UsageException;
import io.volback.cli.json.ForgetGroupJson;
import io.volback.maintenance.GroupBy;
import io.volback.maintenance.MaxUnused;
import io.volback.maintenance.RetentionDuration;
import io.volback.maintenance.RetentionPolicy;
import io.volback.repo.Repository;
import io.volback.repo.snapshot.SnapshotList;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ForgetCommand removes snapshots by id or by a retention policy, as restic's forget; the policy's
 * hours, days, weeks, months and years are those of the local time zone (TZ).
 */
@Command(
    name = "forget",
    description = {
      "Remove snapshots, by id or by a retention policy (restic's --keep-* options), from each"
          + " group of snapshots (--group-by). The data they reference stays until a prune.",
      "Hours, days, ISO weeks, months and years are those of the local time zone (TZ)."
    })
final class ForgetCommand extends CommandBase {
  @Mixin NoDockerHostOption noDockerHost;

  @Mixin SnapshotFilterOptions filters;

  @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "Snapshot ids to remove.")
  List<String> snapshotIds = List.of();

  @Option(names = "--keep-last", paramLabel = "N", description = "Keep the last N snapshots.")
  int last;

  @Option(
      names = "--keep-hourly",
      paramLabel = "N",
      description = "Keep the newest snapshot of each of the last N hours (-1: every hour).")
  int hourly;

  @Option(
      names = "--keep-daily",
      paramLabel = "N",
      description = "Keep the newest snapshot of each of the last N days (-1: every day).")
  int daily;

  @Option(
      names = "--keep-weekly",
      paramLabel = "N",
      description = "Keep the newest snapshot of each of the last N ISO weeks (-1: every week).")
  int weekly;

  @Option(
      names = "--keep-monthly",
      paramLabel = "N",
      description = "Keep the newest snapshot of each of the last N months (-1: every month).")
  int monthly;

  @Option(
      names = "--keep-yearly",
      paramLabel = "N",
      description = "Keep the newest snapshot of each of the last N years (-1: every year).")
  int yearly;

  @Option(
      names = "--keep-within",
      paramLabel = "DURATION",
      converter = RetentionDurationConverter.class,
      description = "Keep every snapshot newer than DURATION (1y2m3d4h) before the newest one.")
  RetentionDuration within;

  @Option(
      names = "--keep-within-hourly",
      paramLabel = "DURATION",
      converter = RetentionDurationConverter.class,
      description = "Keep hourly snapshots within DURATION of the newest one.")
  RetentionDuration withinHourly;

  @Option(
      names = "--keep-within-daily",
      paramLabel = "DURATION",
      converter = RetentionDurationConverter.class,
      description = "Keep daily snapshots within DURATION of the newest one.")
  RetentionDuration withinDaily;

  @Option(
      names = "--keep-within-weekly",
      paramLabel = "DURATION",
      converter = RetentionDurationConverter.class,
      description = "Keep weekly snapshots within DURATION of the newest one.")
  RetentionDuration withinWeekly;

  @Option(
      names = "--keep-within-monthly",
      paramLabel = "DURATION",
      converter = RetentionDurationConverter.class,
      description = "Keep monthly snapshots within DURATION of the newest one.")
  RetentionDuration withinMonthly;

  @Option(
      names = "--keep-within-yearly",
      paramLabel = "DURATION",
      converter = RetentionDurationConverter.class,
      description = "Keep yearly snapshots within DURATION of the newest one.")
  RetentionDuration withinYearly;

  @Option(
      names = "--keep-tag",
      paramLabel = "TAG[,TAG...]",
      description = "Keep snapshots with all these tags (repeatable: any of the lists).")
  List<String> keepTags = new ArrayList<>();

  @Option(
      names = "--group-by",
      paramLabel = "FIELDS",
      defaultValue = "hostname,volume",
      description =
          "Apply the policy to each group of snapshots with equal FIELDS: any of hostname, volume,"
              + " tags, comma-separated, or '' for one group (default: ${DEFAULT-VALUE}).")
  String groupBy;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Show what would be removed; remove nothing.")
  boolean dryRun;

  @Option(
      names = "--unsafe-allow-remove-all",
      description =
          "Allow removing every snapshot of a group (and, with no policy and a snapshot filter,"
              + " every snapshot the filter selects).")
  boolean allowRemoveAll;

  @Option(
      names = "--prune",
      description =
          "Then prune: remove the data no snapshot references (with --dry-run: say what would go).")
  boolean prune;

  @Option(
      names = "--max-unused",
      paramLabel = "LIMIT",
      defaultValue = "5%",
      description = "With --prune: as prune's --max-unused. Default: ${DEFAULT-VALUE}.")
  String maxUnused;

  @Override
  public Integer call() throws Exception {
    ForgetSnapshots.Request request =
        new ForgetSnapshots.Request(
            filters.filter(),
            policy(),
            groupBy(),
            snapshotIds,
            dryRun,
            allowRemoveAll,
            ZoneId.systemDefault(),
            Instant.now());
    MaxUnused max = prune ? PruneRepository.maxUnused(maxUnused) : null;
    Repository.Preload preload = dryRun ? Repository.Preload.SNAPSHOTS : Repository.Preload.NOTHING;
    try (Repository repo = openRepository(preload)) {
      ForgetSnapshots.Result result = new ForgetSnapshots(repo).run(request);
      for (SnapshotList.Damaged d : result.damaged()) {
        err().println("volback: warning: left damaged snapshot alone: " + d.problem());
      }
      if (json()) {
        printJson(result.groups().stream().map(ForgetGroupJson::of).toList());
      } else {
        new ForgetReport(out()).print(result, request.policy());
      }
      if (!result.damaged().isEmpty()) {
        return ExitCode.PARTLY_FAILED;
      }
    }
    if (prune) {
      PruneCommand.prune(this, max, dryRun);
    }
    return ExitCode.OK;
  }

  private RetentionPolicy policy() {
    RetentionPolicy.Builder b =
        RetentionPolicy.builder()
            .last(last)
            .hourly(hourly)
            .daily(daily)
            .weekly(weekly)
            .monthly(monthly)
            .yearly(yearly)
            .within(within)
            .withinHourly(withinHourly)
            .withinDaily(withinDaily)
            .withinWeekly(withinWeekly)
            .withinMonthly(withinMonthly)
            .withinYearly(withinYearly);
    keepTags.forEach(b::keepTag);
    return b.build();
  }

  private GroupBy groupBy() {
    try {
      return GroupBy.parse(groupBy);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--group-by '" + groupBy + "': " + e.getMessage());
    }
  }
}
