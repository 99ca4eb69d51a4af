package io.volback.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * ConsoleLogConfigurator is volback's logging set-up, found by logback through the service loader
 * (META-INF/services) before it looks for an XML file: parsing a logback.xml cost a cold JVM about
 * 600 classes (an XML parser, Joran) and ~0.1-0.2 s of CPU per command. Warnings and errors go to
 * stderr, one line each ({@link LogLine}); VOLBACK_LOG_LEVEL sets volback's own loggers only, every
 * other library stays at WARN (docker-java's command log and the HTTP wire loggers print
 * driver-option passwords and volume content at DEBUG; VOLBACK_LOG opts in to them, see {@link
 * LogSettings}). A {@code -Dlogback.configurationFile} given by the user still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogLine layout = new LogLine();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("io.volback").setLevel(ownLevel(System.getenv(LogSettings.LEVEL_VARIABLE)));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * The level of volback's loggers for VOLBACK_LOG_LEVEL (Main rejects names that are no level).
   */
  static Level ownLevel(String value) {
    return value == null || value.isBlank()
        ? Level.WARN
        : Level.toLevel(value.strip(), Level.DEBUG);
  }
}
