package io.volback.config;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * VolumeLabels reads the volback.* labels of a volume, offen style: volback.enable,
 * volback.schedule and volback.retention. Other volback.* keys are errors (a misspelt label would
 * otherwise be ignored silently). The drill labels volback.drill.schedule, .image, .command and
 * .mount set a volume's drills; the labels of the drills' own scratch volumes (ScratchVolumes) are
 * let through. Labels are re-read at every run.
 */
public final class VolumeLabels {
  public static final String PREFIX = "volback.";
  public static final String ENABLE = "volback.enable";
  public static final String SCHEDULE = "volback.schedule";
  public static final String RETENTION = "volback.retention";

  public static final String DRILL_SCHEDULE = "volback.drill.schedule";
  public static final String DRILL_IMAGE = "volback.drill.image";
  public static final String DRILL_COMMAND = "volback.drill.command";
  public static final String DRILL_MOUNT = "volback.drill.mount";

  private static final List<String> KNOWN =
      List.of(ENABLE, SCHEDULE, RETENTION, DRILL_SCHEDULE, DRILL_IMAGE, DRILL_COMMAND, DRILL_MOUNT);

  /** The labels drills put on their scratch volumes (app.ScratchVolumes; config cannot see it). */
  private static final List<String> SCRATCH_LABELS =
      List.of(
          "volback.drill", "volback.drill.source", "volback.drill.owner", "volback.drill.started");

  private static final List<String> CONTAINER_LABELS =
      List.of(
          "volback.stop",
          "volback.exec.pre",
          "volback.exec.post",
          "volback.exec.timeout",
          "volback.exec.on-error");

  private VolumeLabels() {}

  /** Parses the labels of volumeName with schedules in the JVM's time zone. */
  public static VolumeLabelSettings parse(String volumeName, Map<String, String> labels)
      throws ConfigException {
    return parse(volumeName, labels, ZoneId.systemDefault());
  }

  /**
   * Parses the labels of volumeName; schedules are read in zone. Every bad label is reported, one
   * line each: "volume NAME: label KEY: what is wrong".
   */
  public static VolumeLabelSettings parse(
      String volumeName, Map<String, String> labels, ZoneId zone) throws ConfigException {
    List<String> problems = new ArrayList<>();
    for (String key : labels.keySet()) {
      if (key.startsWith(PREFIX) && !KNOWN.contains(key) && !SCRATCH_LABELS.contains(key)) {
        String why =
            CONTAINER_LABELS.contains(key)
                ? "is a container label: put it on the containers that mount the volume"
                : "unknown volback label" + Nearest.hint(key, KNOWN);
        problems.add(problem(volumeName, key, why));
      }
    }
    Optional<Boolean> enable = Optional.empty();
    String enableText = labels.get(ENABLE);
    if (enableText != null) {
      String e = enableText.strip();
      if (e.equals("true") || e.equals("false")) {
        enable = Optional.of(Boolean.parseBoolean(e));
      } else {
        problems.add(
            problem(volumeName, ENABLE, "expected true or false, got '" + enableText + "'"));
      }
    }
    Optional<CronSchedule> schedule =
        parsed(volumeName, labels, SCHEDULE, s -> CronSchedule.parse(s, zone), problems);
    Optional<RetentionSpec> retention =
        parsed(volumeName, labels, RETENTION, RetentionSpec::parse, problems);
    DrillLabels drill = drill(volumeName, labels, zone, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new VolumeLabelSettings(enable, schedule, retention, drill);
  }

  private static DrillLabels drill(
      String volumeName, Map<String, String> labels, ZoneId zone, List<String> problems) {
    Optional<CronSchedule> schedule =
        parsed(volumeName, labels, DRILL_SCHEDULE, s -> CronSchedule.parse(s, zone), problems);
    String image = nonBlank(volumeName, labels, DRILL_IMAGE, problems);
    String command = nonBlank(volumeName, labels, DRILL_COMMAND, problems);
    String mount = nonBlank(volumeName, labels, DRILL_MOUNT, problems);
    if (mount != null && !mount.startsWith("/")) {
      problems.add(
          problem(
              volumeName,
              DRILL_MOUNT,
              "expected an absolute path in the probe container, got '" + mount + "'"));
      mount = null;
    }
    return new DrillLabels(schedule, image, command, mount);
  }

  private static String nonBlank(
      String volumeName, Map<String, String> labels, String key, List<String> problems) {
    String text = labels.get(key);
    if (text != null && text.isBlank()) {
      problems.add(problem(volumeName, key, "is empty"));
      return null;
    }
    return text == null ? null : text.strip();
  }

  private static <T> Optional<T> parsed(
      String volumeName,
      Map<String, String> labels,
      String key,
      Function<String, T> parse,
      List<String> problems) {
    String text = labels.get(key);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException e) {
      problems.add(problem(volumeName, key, e.getMessage()));
      return Optional.empty();
    }
  }

  private static String problem(String volumeName, String key, String why) {
    return "volume " + volumeName + ": label " + key + ": " + why;
  }
}
