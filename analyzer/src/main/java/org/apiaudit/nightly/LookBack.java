package org.apiaudit.nightly;

import org.apiaudit.detect.correlate.Correlations;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.RuleSet;

/**
 * How far before tonight's first new event detection must start: the longest window any rule
 * needs (a 15-minute count that began before midnight, a novelty rule's history, a baseline's
 * earlier periods, as {@link Correlations} declares per type), and at least the configured history.
 */
final class LookBack {
  private LookBack() {}

  static long of(RuleSet rules, long historyMs) {
    long max = historyMs;
    for (CorrelationRule c : rules.correlations()) {
      max = Math.max(max, Correlations.lookBackMs(c));
    }
    return max;
  }
}
