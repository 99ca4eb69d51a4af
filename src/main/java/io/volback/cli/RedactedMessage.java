package io.volback.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.volback.app.Redaction;

/**
 * RedactedMessage is logback's %msg with secret-looking values hidden (LogLine uses it; it was
 * %redactedMsg): a logger opted in through VOLBACK_LOG may quote Docker requests that carry
 * driver-option passwords.
 */
public final class RedactedMessage extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redaction.text(event.getFormattedMessage());
  }
}
