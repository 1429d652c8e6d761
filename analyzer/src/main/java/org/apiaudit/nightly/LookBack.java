package org.apiaudit.nightly;

import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.CorrelationType;
import org.apiaudit.rules.RuleSet;

/**
 * How far before tonight's first new event detection must start: the longest window any rule
 * needs (a 15-minute count that began before midnight, a novelty rule's history, a baseline's
 * earlier periods), and at least the configured history.
 */
final class LookBack {
  private LookBack() {}

  static long of(RuleSet rules, long historyMs) {
    long max = historyMs;
    for (CorrelationRule c : rules.correlations()) {
      max = Math.max(max, c.timespanMs());
      max = Math.max(max, c.durationParam("history"));
      max = Math.max(max, c.durationParam("max-gap"));
      if (c.type() == CorrelationType.BASELINE) {
        max = Math.max(max, c.durationParam("period") * (long) (c.param("min-history") + 1));
      }
    }
    return max;
  }
}
