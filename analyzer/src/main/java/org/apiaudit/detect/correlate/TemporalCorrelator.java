package org.apiaudit.detect.correlate;

import java.util.Arrays;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;

/**
 * Sigma {@code temporal} and {@code temporal_ordered}: how many of the referenced rules matched
 * for a group within the timespan (for ordered, only a chain in the listed order counts).
 * State per group: the last time each referenced rule matched.
 */
final class TemporalCorrelator extends GroupedCorrelator<long[]> {
  private final long span;
  private final boolean ordered;

  TemporalCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns, boolean ordered) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, () -> {
      long[] last = new long[ruleIndices.length];
      Arrays.fill(last, Long.MIN_VALUE);
      return last;
    });
    this.span = rule.timespanMs();
    slidingWindow(span);
    this.ordered = ordered;
  }

  @Override
  void update(long key, long[] last, ScanEvent e) {
    long oldest = e.timestamp - span;
    for (int i = 0; i < ruleIndices.length; i++) {
      if (!e.matches(ruleIndices[i])) {
        continue;
      }
      if (!ordered || i == 0 || (last[i - 1] != Long.MIN_VALUE && last[i - 1] >= oldest)) {
        last[i] = e.timestamp;
      }
    }
    int count = 0;
    long first = e.timestamp;
    for (int i = 0; i < last.length; i++) {
      boolean inWindow = last[i] != Long.MIN_VALUE && last[i] >= oldest;
      if (ordered && (!inWindow || (i > 0 && last[i] < last[i - 1]))) {
        break;
      }
      if (inWindow) {
        count++;
        first = Math.min(first, last[i]);
      }
    }
    measure(key, count, first, e.timestamp);
  }
}
