package org.apiaudit.search;

import java.time.Duration;
import java.util.List;

/**
 * The automatic bucket width of a histogram: the narrowest of a few round widths that shows a
 * time span in at most {@link #MAX_AUTO_BUCKETS} bars. Shared by {@code search --histogram} and
 * the web UI, so both draw the same picture of the same span.
 */
public final class HistogramInterval {
  /** Most buckets an automatic interval produces: enough detail, still readable. */
  public static final long MAX_AUTO_BUCKETS = 60;

  private static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(10),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

  private HistogramInterval() {}

  /** The bucket width, in ms, for a span of {@code spanMillis} (at least one second). */
  public static long auto(long spanMillis) {
    long span = Math.max(1, spanMillis);
    for (Duration d : STEPS) {
      if (span / d.toMillis() <= MAX_AUTO_BUCKETS) {
        return d.toMillis();
      }
    }
    return Duration.ofDays(7).toMillis();
  }
}
