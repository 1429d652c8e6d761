package org.apiaudit.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Validated settings of an ingest run.
 *
 * @param formats chooses each file's format from its name and first lines (auto-detection, or
 *     the user's {@code --format}); returns null when nothing fits
 * @param endpoints the endpoint table
 * @param identifierParams query parameters holding personal identifiers
 * @param threads worker threads that parse, normalize and index
 * @param maxLineBytes longest line accepted
 * @param rejectsFile where to append every rejected line (null: do not write)
 * @param eventTimes the event times accepted; a line outside them is rejected
 * @param caseZone the zone to record as the case's zone in an index that has none yet (the
 *     {@code --tz} the user gave), or null to record nothing
 * @param codec how the embedded index compresses what it stores (the {@code --codec} the user
 *     gave), or null to keep the index's own
 */
public record IngestConfig(
    FormatChooser formats,
    EndpointTable endpoints,
    List<String> identifierParams,
    int threads,
    int maxLineBytes,
    java.nio.file.Path rejectsFile,
    EventTimes eventTimes,
    ZoneId caseZone,
    org.apiaudit.index.IndexCodec codec) {

  /** Lines handed to a worker at once: large enough to amortise hand-off, small enough to balance. */
  public static final int BATCH_LINES = 2048;

  /** Lines read from the head of a file to detect its format. */
  public static final int SNIFF_LINES = 16;

  /** Zone for formats whose timestamps carry none, unless {@code --tz} says otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  /**
   * The range of plausible event times: from {@code earliest} to {@code futureSlack} after the
   * moment the ingest starts. A time outside it is a clock or parsing fault (a gateway that
   * booted without NTP logs 1970; a corrupted year reads 9999), not evidence, and a single one
   * would stretch the case's time range, coverage and charts over decades.
   *
   * @param earliest the earliest time accepted
   * @param futureSlack how far past the start of the ingest a time may lie (clock skew, zones)
   */
  public record EventTimes(Instant earliest, Duration futureSlack) {
    /**
     * 1990-01-01: before the web, so no access log is older, and far enough back for any
     * archived log a case may need.
     */
    public static final Instant DEFAULT_EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    /** One day: covers any zone mistake (at most 14 h) and skewed clocks. */
    public static final Duration DEFAULT_FUTURE_SLACK = Duration.ofDays(1);
    /** The bounds every command uses. */
    public static final EventTimes DEFAULT = new EventTimes(DEFAULT_EARLIEST, DEFAULT_FUTURE_SLACK);

    public EventTimes {
      if (futureSlack.isNegative()) {
        throw new IllegalArgumentException("futureSlack must be >= 0; got: " + futureSlack);
      }
    }

    /** The latest time accepted by an ingest starting at {@code nowMillis}. */
    public long latestMillis(long nowMillis) {
      return nowMillis + futureSlack.toMillis();
    }

    /**
     * Null when {@code millis} lies in [earliest, {@code latestMillis}], else the reject reason
     * ({@code implausible time 1970-01-01T00:00:00Z (accepted: 1990-01-01T00:00:00Z .. 2026-12-08T00:00:00Z)}).
     */
    public String check(long millis, long latestMillis) {
      if (millis >= earliest.toEpochMilli() && millis <= latestMillis) {
        return null;
      }
      return "implausible time " + Instant.ofEpochMilli(millis) + " (accepted: " + earliest + " .. "
          + Instant.ofEpochMilli(latestMillis) + ")";
    }
  }

  /** Settings with the default {@link EventTimes}, recording no case zone. */
  public IngestConfig(FormatChooser formats, EndpointTable endpoints,
      List<String> identifierParams, int threads, int maxLineBytes, java.nio.file.Path rejectsFile) {
    this(formats, endpoints, identifierParams, threads, maxLineBytes, rejectsFile, EventTimes.DEFAULT);
  }

  /** Settings recording no case zone. */
  public IngestConfig(FormatChooser formats, EndpointTable endpoints, List<String> identifierParams, int threads,
      int maxLineBytes, java.nio.file.Path rejectsFile, EventTimes eventTimes) {
    this(formats, endpoints, identifierParams, threads, maxLineBytes, rejectsFile, eventTimes, null, null);
  }

  /** A copy that records {@code zone} as the case's zone in an index that has none. */
  public IngestConfig withCaseZone(ZoneId zone) {
    return new IngestConfig(formats, endpoints, identifierParams, threads, maxLineBytes, rejectsFile, eventTimes, zone,
        codec);
  }

  /** A copy that writes the embedded index with {@code indexCodec} (null: the index's own). */
  public IngestConfig withCodec(org.apiaudit.index.IndexCodec indexCodec) {
    return new IngestConfig(formats, endpoints, identifierParams, threads, maxLineBytes, rejectsFile, eventTimes,
        caseZone, indexCodec);
  }

  public IngestConfig {
    java.util.Objects.requireNonNull(eventTimes, "eventTimes");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1; got: " + threads);
    }
    if (maxLineBytes < 256) {
      throw new IllegalArgumentException("maxLineBytes must be >= 256; got: " + maxLineBytes);
    }
    identifierParams = List.copyOf(identifierParams);
  }

  /** Default worker threads: one per core. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
