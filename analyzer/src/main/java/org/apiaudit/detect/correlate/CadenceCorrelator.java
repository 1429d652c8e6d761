package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;

/**
 * {@code x-apiaudit/cadence}: the coefficient of variation (standard deviation / mean) of a
 * group's inter-arrival times. People click irregularly (CV around 1 or more); scripts with
 * a sleep, even a jittered one, stay well below. Gaps longer than {@code max-gap} (default 1h)
 * are pauses between sessions and are left out. State per group: Welford's running mean and
 * variance, O(1).
 */
final class CadenceCorrelator extends WholeWindowCorrelator<CadenceCorrelator.State> {
  static final class State extends GroupSpan {
    long previous = Long.MIN_VALUE;
    long gaps;
    double mean;
    double m2;
  }

  private final long maxGap;
  private final double minEvents;

  CadenceCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.maxGap = rule.durationParam("max-gap");
    this.minEvents = rule.param("min-events");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    s.see(e.timestamp);
    if (s.previous != Long.MIN_VALUE) {
      long gap = e.timestamp - s.previous;
      if (gap <= maxGap) {
        s.gaps++;
        double delta = gap - s.mean;
        s.mean += delta / s.gaps;
        s.m2 += delta * (gap - s.mean);
      }
    }
    s.previous = e.timestamp;
  }

  @Override
  void conclude(long key, State s) {
    if (s.gaps + 1 >= minEvents && s.mean > 0) {
      double cv = Math.sqrt(s.m2 / s.gaps) / s.mean;
      measure(key, cv, s.first, s.last);
    }
  }

  @Override
  public void write(State s, GroupSpill.Out out) {
    super.write(s, out);
    out.putLong(s.previous);
    out.putLong(s.gaps);
    out.putDouble(s.mean);
    out.putDouble(s.m2);
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.previous = in.getLong();
    s.gaps = in.getLong();
    s.mean = in.getDouble();
    s.m2 = in.getDouble();
    return s;
  }
}
