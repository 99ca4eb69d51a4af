package io.volback.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * ConfigLoader reads the service's YAML file into a validated ServiceConfig, or fails with every
 * problem found, one line each, naming file:line:column and the key. docs/configuration.md
 * describes every key.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads file; schedules without a time zone use the JVM's. */
  public static ServiceConfig load(Path file) throws ConfigException {
    return load(file, ZoneId.systemDefault());
  }

  /** Loads file; schedules without a time-zone key use defaultZone. */
  public static ServiceConfig load(Path file, ZoneId defaultZone) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file, defaultZone);
  }

  /**
   * Parses text as if read from source (used in messages and kept as ServiceConfig.source; may be a
   * name that is not a real file).
   */
  public static ServiceConfig parse(String text, Path source, ZoneId defaultZone)
      throws ConfigException {
    Problems problems = new Problems(source.toString());
    YamlNode root = YamlReader.read(text, problems);
    problems.throwIfAny();
    MapReader top = MapReader.of(root, "", problems, root.mark());
    ServiceConfig config = new ServiceReader(top, source, defaultZone).read();
    problems.throwIfAny();
    return config;
  }
}
