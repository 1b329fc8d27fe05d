package org.weasis.progressive.weasis.internal.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while open, at every level, as Weasis logs it: its root logger at DEBUG, with the
 * binding's cap of HttpClient at INFO (the opener's activation), which Weasis gets and these tests must too.
 * Closing restores the levels of the tests' configuration.
 */
final class CapturedLog implements AutoCloseable {
  private static final String HTTP_CLIENT = "org.apache.hc";

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level rootLevel = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLog() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    HttpClientLogLevel.capAtInfo();
  }

  /** Each event as text: level, logger, message and any throwable with its causes and stack. */
  List<String> lines() {
    return appender.list.stream().map(CapturedLog::describe).toList();
  }

  /** The events' text, one per line. */
  String text() {
    return String.join("\n", lines());
  }

  private static String describe(ILoggingEvent event) {
    StringBuilder text = new StringBuilder()
        .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" -- ")
        .append(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append("\n  ").append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        text.append("\n    ").append(frame.getSTEAsString());
      }
    }
    return text.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    root.setLevel(rootLevel);
    ((Logger) LoggerFactory.getLogger(HTTP_CLIENT)).setLevel(null);
  }
}
