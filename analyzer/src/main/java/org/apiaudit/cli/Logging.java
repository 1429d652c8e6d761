package org.apiaudit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
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
  /** The stderr appender's name in logback.xml. */
  private static final String CONSOLE_APPENDER = "STDERR";
  private static volatile boolean quiet;

  private Logging() {}

  /**
   * Sets what reaches stderr this run: -q errors only, none warnings, -v info, -vv debug. A log
   * file (nightly) keeps getting INFO: the console's own threshold, not the logger's level, says
   * what is printed.
   */
  static void level(int verbose, boolean quiet) {
    Logging.quiet = quiet;
    Level level = quiet ? Level.ERROR : verbose >= 2 ? Level.DEBUG : verbose == 1 ? Level.INFO : Level.WARN;
    var console = ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).getAppender(CONSOLE_APPENDER);
    if (console != null) {
      ThresholdFilter threshold = new ThresholdFilter();
      threshold.setLevel(level.toString());
      threshold.start();
      console.clearAllFilters();
      console.addFilter(threshold);
    }
    Logger logger = analyzer();
    boolean toFile = logger.getAppender(FILE_APPENDER) != null;
    logger.setLevel(toFile && level.isGreaterOrEqual(Level.INFO) ? Level.INFO : level);
  }

  /** Whether this run asked for errors only ({@code -q}): notes a command prints itself are left out too. */
  static boolean quiet() {
    return quiet;
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
      logger.setLevel(Level.INFO); // the console keeps its own threshold (see level)
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
