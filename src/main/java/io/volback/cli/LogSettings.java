package io.volback.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * LogSettings applies VOLBACK_LOG, the opt-in for other libraries' loggers. VOLBACK_LOG_LEVEL
 * (ConsoleLogConfigurator) sets only volback's own loggers: docker-java's command log and the HTTP
 * wire loggers print driver-option passwords and volume content at DEBUG, so they stay at WARN
 * unless named here, e.g. {@code VOLBACK_LOG=org.apache.hc=DEBUG,com.github.dockerjava=DEBUG}.
 */
final class LogSettings {
  static final String VARIABLE = "VOLBACK_LOG";
  static final String LEVEL_VARIABLE = "VOLBACK_LOG_LEVEL";
  private static final String LEVELS = "TRACE, DEBUG, INFO, WARN, ERROR or OFF";

  private LogSettings() {}

  /** One LOGGER=LEVEL setting of VOLBACK_LOG. */
  record Setting(String logger, Level level) {}

  /**
   * The error for a VOLBACK_LOG_LEVEL in env that names no level, else null. Logback would take an
   * unknown name for DEBUG, which logs far more than asked for.
   */
  static String levelError(Map<String, String> env) {
    String value = env.get(LEVEL_VARIABLE);
    if (value == null || value.isBlank() || level(value) != null) {
      return null;
    }
    return LEVEL_VARIABLE + "='" + value + "' is not a log level: use " + LEVELS;
  }

  /** Applies VOLBACK_LOG from env; bad entries and risky opt-ins are reported on the log. */
  static void apply(Map<String, String> env) {
    String spec = env.get(VARIABLE);
    if (spec == null || spec.isBlank()) {
      return;
    }
    Logger log = (Logger) LoggerFactory.getLogger(LogSettings.class);
    List<String> rejected = new ArrayList<>();
    for (Setting setting : parse(spec, rejected)) {
      ((Logger) LoggerFactory.getLogger(setting.logger())).setLevel(setting.level());
      if (setting.level().toInt() <= Level.DEBUG.toInt()
          && !setting.logger().startsWith("io.volback")) {
        log.warn(
            "{} sets {} to {}: its output may show driver-option passwords, credentials and"
                + " volume content",
            VARIABLE,
            setting.logger(),
            setting.level());
      }
    }
    for (String entry : rejected) {
      log.warn(
          "{}: ignoring '{}': expected LOGGER=LEVEL (TRACE, DEBUG, INFO, WARN, ERROR, OFF),"
              + " comma-separated",
          VARIABLE,
          entry);
    }
  }

  /**
   * The settings of spec ("a.b=DEBUG,c=INFO"); entries that are not LOGGER=LEVEL go to rejected.
   */
  static List<Setting> parse(String spec, List<String> rejected) {
    List<Setting> settings = new ArrayList<>();
    for (String raw : spec.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      Level level = eq < 0 ? null : level(entry.substring(eq + 1).strip());
      String logger = eq < 0 ? "" : entry.substring(0, eq).strip();
      if (level == null || logger.isEmpty()) {
        rejected.add(entry);
      } else {
        settings.add(new Setting(logger, level));
      }
    }
    return settings;
  }

  private static Level level(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "TRACE" -> Level.TRACE;
      case "DEBUG" -> Level.DEBUG;
      case "INFO" -> Level.INFO;
      case "WARN" -> Level.WARN;
      case "ERROR" -> Level.ERROR;
      case "OFF" -> Level.OFF;
      default -> null;
    };
  }
}
