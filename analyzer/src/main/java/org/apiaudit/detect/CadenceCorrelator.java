package org.apiaudit.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
    this.maxGap = rule.durationParam("max-gap", 3_600_000L);
    this.minEvents = rule.param("min-events", 30);
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
  public void write(State s, DataOutput out) throws IOException {
    super.write(s, out);
    out.writeLong(s.previous);
    out.writeLong(s.gaps);
    out.writeDouble(s.mean);
    out.writeDouble(s.m2);
  }

  @Override
  public State read(DataInput in) throws IOException {
    State s = readSpan(new State(), in);
    s.previous = in.readLong();
    s.gaps = in.readLong();
    s.mean = in.readDouble();
    s.m2 = in.readDouble();
    return s;
  }
}
