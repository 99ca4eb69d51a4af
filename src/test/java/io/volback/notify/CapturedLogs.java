package io.volback.notify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** CapturedLogs keeps what the notify package logs while it is open. */
final class CapturedLogs implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.volback.notify");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLogs() {
    appender.start();
    logger.addAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
