package org.apiaudit.detect.correlate;

import java.util.List;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.DetectionRule;
import org.apiaudit.rules.Threshold;
import org.apiaudit.schema.Field;

/**
 * A detection rule reporting on its own: its matches counted per actor (by default the source
 * IP; a rule may say {@code x-apiaudit: {actor: auth.principal}}), firing once an actor has
 * {@code min-matches} (default 1) matching events.
 */
public final class MatchCounter extends GroupedCorrelator<GroupSpan> {
  public MatchCounter(DetectionRule rule, int ruleIndex, Field actor, EventColumns columns) {
    super(rule, new int[] {ruleIndex}, List.of(actor),
        new Threshold("gte", Double.parseDouble(rule.meta().ext("min-matches", "1"))), columns, GroupSpan::new);
  }

  @Override
  void update(long key, GroupSpan s, ScanEvent e) {
    s.see(e.timestamp);
    measure(key, s.events, s.first, s.last);
  }
}
