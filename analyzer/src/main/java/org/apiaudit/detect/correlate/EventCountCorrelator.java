package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.LongRing;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;

/**
 * Sigma {@code event_count}: events per group within a sliding window of {@code timespan} in
 * log time ending at each event. State per group: the timestamps in the window, capped a few
 * times above the threshold (enough to decide and to report "at least" that many).
 */
final class EventCountCorrelator extends GroupedCorrelator<LongRing> {
  private final long span;

  EventCountCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, () -> new LongRing(cap(rule)));
    this.span = rule.timespanMs();
    slidingWindow(span);
  }

  static int cap(CorrelationRule rule) {
    return (int) Math.min(1 << 20, Math.max(64, rule.threshold().value() * 4 + 1));
  }

  @Override
  void update(long key, LongRing ring, ScanEvent e) {
    ring.evictBefore(e.timestamp - span);
    ring.add(e.timestamp);
    measure(key, ring.size(), ring.first(), e.timestamp);
  }
}
