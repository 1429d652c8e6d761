package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.LastSeenMap;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Event;

/**
 * Sigma {@code value_count}: distinct values of {@code field} per group within a sliding window.
 * State per group: value → last time seen, in last-seen order, so values leaving the window are
 * dropped from the head; capped a few times above the threshold (exact below the cap).
 */
final class ValueCountCorrelator extends GroupedCorrelator<LastSeenMap> {
  private final long span;
  private final int slot;
  private final boolean numeric;
  private final int cap;

  ValueCountCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, LastSeenMap::new);
    this.span = rule.timespanMs();
    slidingWindow(span);
    this.slot = columns.slot(rule.field());
    this.numeric = rule.field().isNumeric();
    this.cap = EventCountCorrelator.cap(rule);
  }

  @Override
  void update(long key, LastSeenMap values, ScanEvent e) {
    long v = numeric ? e.number(slot) : e.ord(slot);
    if (numeric ? v == Event.NO_VALUE : v < 0) {
      return;
    }
    values.evictBefore(e.timestamp - span);
    values.see(v, e.timestamp);
    if (values.size() > cap) {
      values.removeFirst();
    }
    measure(key, values.size(), values.firstTime(), e.timestamp);
  }
}
