package org.apiaudit.detect.scan;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiaudit.detect.findings.CaseFindings;

/**
 * What the conclusion rests on, measured over every event of the window: by the scan
 * ({@link CoverageCollector}) or by the store that holds the events (a cluster's aggregations).
 *
 * @param events events in the window, {@code first} and {@code last} their times (unused when 0)
 * @param recordEvents events on record-returning endpoints
 * @param channels events per {@code auth.type} in value order, after "(absent)" if some had none
 * @param gaps hours with no or unusually few events
 * @param fieldsMissing schema fields no event of the whole index has
 */
public record CoverageFigures(long first, long last, long events, long recordEvents, Map<String, Long> channels,
    List<CaseFindings.Gap> gaps, List<String> fieldsMissing) {
  /** The label of the channel of events without {@code auth.type}. */
  public static final String ABSENT = "(absent)";

  /** The length of the hours {@link #of} counts events in. */
  public static final long HOUR_MS = 3_600_000L;

  /** The endpoint class whose events {@code recordEvents} counts. */
  public static final String RECORD_RETURNING = CoverageCollector.RECORD_RETURNING;

  /**
   * Figures from events per hour ({@code hours}: hour number since the epoch, UTC, to events;
   * only hours with events), gaps found as {@link CoverageCollector} finds them.
   */
  public static CoverageFigures of(long first, long last, long events, long recordEvents, Map<String, Long> channels,
      SortedMap<Long, Long> hours, List<String> fieldsMissing) {
    SortedMap<Long, long[]> counts = new TreeMap<>();
    hours.forEach((h, n) -> counts.put(h, new long[] {n}));
    return new CoverageFigures(first, last, events, recordEvents, channels, CoverageCollector.gaps(counts),
        fieldsMissing);
  }
}
