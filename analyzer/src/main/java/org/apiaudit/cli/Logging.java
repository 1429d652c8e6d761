package org.apiaudit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Diagnostics (files skipped, timings, memory, rules loaded) go through SLF4J to logback, on
 * stderr as {@code logback.xml} says, apart from the data a command prints on stdout. The level
 * comes from {@code -v/-vv/-q}; a nightly run may also keep them in a file.
 */
final class Logging {
  /** The logger every diagnostic of the analyzer is under. */
  static final String ROOT = "org.apiaudit";
  private static final String FILE_APPENDER = "log-file";

  private Logging() {}

  /** Sets the analyzer's log level for this run: -q errors only, none warnings, -v info, -vv debug. */
  static void level(int verbose, boolean quiet) {
    Level level = quiet ? Level.ERROR : verbose >= 2 ? Level.DEBUG : verbose == 1 ? Level.INFO : Level.WARN;
    analyzer().setLevel(level);
  }

  /** Also writes the analyzer's diagnostics (at INFO or finer) to {@code file}, appending, with dates. */
  static void alsoTo(Path file) {
    Logger logger = analyzer();
    if (logger.getAppender(FILE_APPENDER) != null) {
      logger.detachAppender(FILE_APPENDER);
    }
    LoggerContext context = logger.getLoggerContext();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level %logger{0}: %msg%n");
    encoder.start();
    FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName(FILE_APPENDER);
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    logger.addAppender(appender);
    if (!logger.isInfoEnabled()) {
      logger.setLevel(Level.INFO);
    }
  }

  /** Stops writing to the file of {@link #alsoTo}, closing it. */
  static void stopFile() {
    Logger logger = analyzer();
    var appender = logger.getAppender(FILE_APPENDER);
    if (appender != null) {
      logger.detachAppender(appender);
      appender.stop();
    }
  }

  private static Logger analyzer() {
    return (Logger) LoggerFactory.getLogger(ROOT);
  }
}
