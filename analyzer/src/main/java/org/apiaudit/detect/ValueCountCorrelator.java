package org.apiaudit.detect;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Event;

/**
 * Sigma {@code value_count}: distinct values of {@code field} per group within a sliding window.
 * State per group: value → last time seen, in last-seen order, so values leaving the window are
 * dropped from the head; capped a few times above the threshold (exact below the cap).
 */
final class ValueCountCorrelator extends GroupedCorrelator<LinkedHashMap<Long, Long>> {
  private final long span;
  private final int slot;
  private final boolean numeric;
  private final int cap;

  ValueCountCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, LinkedHashMap::new);
    this.span = rule.timespanMs();
    this.slot = columns.slot(rule.field());
    this.numeric = rule.field().isNumeric();
    this.cap = EventCountCorrelator.cap(rule);
  }

  @Override
  void update(long key, LinkedHashMap<Long, Long> values, ScanEvent e) {
    long v = numeric ? e.number(slot) : e.ord(slot);
    if (numeric ? v == Event.NO_VALUE : v < 0) {
      return;
    }
    evict(values, e.timestamp - span);
    values.remove(v);
    values.put(v, e.timestamp);
    if (values.size() > cap) {
      Iterator<Long> it = values.keySet().iterator();
      it.next();
      it.remove();
    }
    long first = values.values().iterator().next();
    measure(key, values.size(), first, e.timestamp);
  }

  private static void evict(LinkedHashMap<Long, Long> values, long oldest) {
    for (Iterator<Map.Entry<Long, Long>> it = values.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() < oldest) {
        it.remove();
      } else {
        break;
      }
    }
  }

  @Override
  boolean idle(LinkedHashMap<Long, Long> values, long now) {
    evict(values, now - span);
    return values.isEmpty();
  }
}
