package org.apiaudit.nightly;

import org.apiaudit.rules.CorrelationRule;
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
      max = Math.max(max, duration(c, "history"));
      max = Math.max(max, duration(c, "max-gap"));
      long period = duration(c, "period");
      if (c.params().containsKey("min-history") || c.type().name().equals("BASELINE")) {
        long p = period > 0 ? period : 86_400_000L;
        max = Math.max(max, p * (long) (c.param("min-history", 2) + 1));
      }
    }
    return max;
  }

  private static long duration(CorrelationRule c, String key) {
    try {
      return c.durationParam(key, 0);
    } catch (RuntimeException notADuration) {
      return 0; // checked when the rule was loaded; a non-duration value means no window
    }
  }
}
