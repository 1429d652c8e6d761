package org.apiaudit.detect.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.schema.Field;

/**
 * Measures, during the one scan, what the conclusion rests on: the time range, events per
 * channel ({@code auth.type}) and on record-returning endpoints, hours with no or unusually few
 * events, and schema fields no event carries. State: one counter per channel and per hour that
 * has events (a sparse map: the span between the first and the last event costs nothing).
 */
public final class CoverageCollector implements EventConsumer {
  /** An hour with fewer than this share of the median hour's events is reported as "low". */
  static final double LOW_HOUR_SHARE = 0.1;
  private static final long HOUR = CoverageFigures.HOUR_MS;
  public static final String RECORD_RETURNING = "record-returning";
  /** The columns read; the only ones the scanner fills for events no rule matched. */
  public static final List<Field> COLUMNS = List.of(Field.AUTH_TYPE, Field.ENDPOINT_CLASS);

  private final int authSlot;
  private final int classSlot;
  private final int recordOrd;
  private final GlobalOrds authOrds;
  /** Events per {@code auth.type} ordinal + 1 (0: absent). */
  private long[] channels = new long[8];
  private final TreeMap<Long, long[]> hours = new TreeMap<>();
  /** The hour of the previous event and its counter: events come in time order. */
  private long hour = Long.MIN_VALUE;
  private long[] hourCount;
  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  long events;
  long recordEvents;

  public CoverageCollector(EventColumns columns) {
    authSlot = columns.slot(Field.AUTH_TYPE);
    classSlot = columns.slot(Field.ENDPOINT_CLASS);
    authOrds = columns.ords(Field.AUTH_TYPE);
    recordOrd = columns.ords(Field.ENDPOINT_CLASS).ordOf(RECORD_RETURNING);
  }

  @Override
  public void accept(ScanEvent e) {
    events++;
    first = Math.min(first, e.timestamp);
    last = Math.max(last, e.timestamp);
    int channel = e.ord(authSlot) + 1;
    if (channel >= channels.length) {
      channels = Arrays.copyOf(channels, Math.max(channel + 1, channels.length * 2));
    }
    channels[channel]++;
    if (recordOrd >= 0 && e.ord(classSlot) == recordOrd) {
      recordEvents++;
    }
    long h = Math.floorDiv(e.timestamp, HOUR);
    if (h != hour || hourCount == null) {
      hour = h;
      hourCount = hours.computeIfAbsent(h, k -> new long[1]);
    }
    hourCount[0]++;
  }

  Map<String, Long> channels() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int c = 0; c < channels.length; c++) {
      if (channels[c] > 0) {
        out.put(c == 0 ? CoverageFigures.ABSENT : authOrds.lookup(c - 1), channels[c]);
      }
    }
    return out;
  }

  /** The figures measured, with the schema fields the index lacks ({@link #fieldsMissing}). */
  public CoverageFigures figures(List<String> fieldsMissing) {
    return new CoverageFigures(events == 0 ? -1 : first, events == 0 ? -1 : last, events, recordEvents, channels(),
        gaps(), fieldsMissing);
  }

  /** Schema fields that no document of the index has. */
  public static List<String> fieldsMissing(IndexReader reader) {
    FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
    List<String> out = new ArrayList<>();
    for (Field f : Field.values()) {
      // a derived field (the words of the user agent) is there whenever its source is
      Field source = f.textSource() != null ? f.textSource() : f;
      if (infos.fieldInfo(source.fieldName()) == null) {
        out.add(f.fieldName());
      }
    }
    return out;
  }

  /** Hours without events, and hours far below the median hour, merged into stretches. */
  List<CaseFindings.Gap> gaps() {
    return gaps(hours);
  }

  /**
   * The gaps of {@code hours} (events per hour number, only hours with events): the hours from
   * the first to the last without events ({@code no-events}) or with fewer than
   * {@link #LOW_HOUR_SHARE} of the median hour's events ({@code low}), merged into stretches.
   * The median counts the hours without events too. Work and memory follow the hours that have
   * events, not the span: one event in 1970 and one in 9999 are two entries, not 70 million.
   */
  static List<CaseFindings.Gap> gaps(SortedMap<Long, long[]> hours) {
    GapRuns runs = new GapRuns();
    if (hours.isEmpty()) {
      return runs.out;
    }
    long firstHour = hours.firstKey();
    long lastHour = hours.lastKey();
    long median = medianHour(hours, lastHour - firstHour + 1);
    long next = firstHour;
    for (Map.Entry<Long, long[]> e : hours.entrySet()) {
      long h = e.getKey();
      if (h > next) {
        runs.add("no-events", next, 0);
      }
      long n = e.getValue()[0];
      runs.add(n == 0 ? "no-events" : n < median * LOW_HOUR_SHARE ? "low" : null, h, n);
      next = h + 1;
    }
    runs.add(null, lastHour + 1, 0);
    return runs.out;
  }

  /** The median of the per-hour counts over {@code span} hours, those without events being 0. */
  private static long medianHour(SortedMap<Long, long[]> hours, long span) {
    long[] nonZero = new long[hours.size()];
    int i = 0;
    for (long[] n : hours.values()) {
      nonZero[i++] = n[0];
    }
    Arrays.sort(nonZero);
    long zeros = span - nonZero.length;
    long middle = span / 2;
    return middle < zeros ? 0 : nonZero[(int) (middle - zeros)];
  }

  /** Merges consecutive hours of the same kind into gaps; a null kind is no gap. */
  private static final class GapRuns {
    final List<CaseFindings.Gap> out = new ArrayList<>();
    private String kind;
    private long start;
    private long sum;

    /** Hours from {@code hour} up to the next call's hour are of {@code k}, with {@code events} in all. */
    void add(String k, long hour, long events) {
      if (!Objects.equals(k, kind)) {
        if (kind != null) {
          out.add(new CaseFindings.Gap(start * HOUR, hour * HOUR - 1, sum, kind));
        }
        kind = k;
        start = hour;
        sum = 0;
      }
      sum += events;
    }
  }
}
