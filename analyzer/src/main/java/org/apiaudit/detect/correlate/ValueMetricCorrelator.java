package org.apiaudit.detect.correlate;

import java.util.Arrays;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.CorrelationType;
import org.apiaudit.schema.Event;

/**
 * Sigma v2.1 metric correlations over a sliding window of {@code timespan} in log time ending at
 * each event: {@code value_sum} and {@code value_avg} of a numeric {@code field}, and
 * {@code value_percentile}: the share, in percent, of the group's events in the window whose
 * {@code field} value equals the current event's (so {@code lte: 1} flags a value that makes up
 * at most 1 % of what the group did, the specification's "rarer than 1 % of all"). State per
 * group: the window's (time, value) pairs, capped at {@link #CAP} (the oldest then leave early).
 */
final class ValueMetricCorrelator extends GroupedCorrelator<ValueMetricCorrelator.Window> {
  static final int CAP = 1 << 16;
  private final long span;
  private final int slot;
  private final boolean numeric;
  private final CorrelationType type;

  ValueMetricCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, Window::new);
    this.span = rule.timespanMs();
    this.type = rule.type();
    slidingWindow(span);
    this.slot = columns.slot(rule.field());
    this.numeric = rule.field().isNumeric();
  }

  @Override
  void update(long key, Window w, ScanEvent e) {
    long v = numeric ? e.number(slot) : e.ord(slot);
    if (numeric ? v == Event.NO_VALUE : v < 0) {
      return;
    }
    w.evictBefore(e.timestamp - span);
    w.add(e.timestamp, v);
    double measured;
    switch (type) {
      case VALUE_SUM: measured = w.sum; break;
      case VALUE_AVG: measured = (double) w.sum / w.size; break;
      default: measured = 100.0 * w.count(v) / w.size; break;
    }
    measure(key, measured, w.firstTime(), e.timestamp);
  }

  /** A ring of (time, value) pairs in time order with their running sum. */
  static final class Window {
    private long[] times = new long[8];
    private long[] values = new long[8];
    private int head;
    int size;
    long sum;

    void add(long t, long v) {
      if (size == CAP) {
        removeFirst();
      }
      if (size == times.length) {
        grow();
      }
      int i = (head + size) % times.length;
      times[i] = t;
      values[i] = v;
      size++;
      sum += v;
    }

    void evictBefore(long t) {
      while (size > 0 && times[head] < t) {
        removeFirst();
      }
    }

    private void removeFirst() {
      sum -= values[head];
      head = (head + 1) % times.length;
      size--;
    }

    long firstTime() {
      return times[head];
    }

    int count(long v) {
      int n = 0;
      for (int k = 0; k < size; k++) {
        if (values[(head + k) % values.length] == v) {
          n++;
        }
      }
      return n;
    }

    private void grow() {
      long[] t = new long[times.length * 2];
      long[] v = new long[times.length * 2];
      for (int k = 0; k < size; k++) {
        t[k] = times[(head + k) % times.length];
        v[k] = values[(head + k) % times.length];
      }
      times = t;
      values = v;
      head = 0;
      Arrays.fill(t, size, t.length, 0);
    }
  }
}
