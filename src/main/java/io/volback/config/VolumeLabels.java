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
 * otherwise be ignored silently), except volback.drill.*, which the drills read. Labels are re-read
 * at every run.
 */
public final class VolumeLabels {
  public static final String PREFIX = "volback.";
  public static final String ENABLE = "volback.enable";
  public static final String SCHEDULE = "volback.schedule";
  public static final String RETENTION = "volback.retention";

  private static final List<String> KNOWN = List.of(ENABLE, SCHEDULE, RETENTION);
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
      if (key.startsWith(PREFIX) && !KNOWN.contains(key) && !key.startsWith("volback.drill.")) {
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
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new VolumeLabelSettings(enable, schedule, retention);
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
