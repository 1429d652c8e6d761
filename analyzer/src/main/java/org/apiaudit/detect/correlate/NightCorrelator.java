package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;

/**
 * {@code x-apiaudit/night}: the share of a group's events in night hours of a time zone
 * (default 00:00–05:00 at +05:30, India Standard Time, when vaccination sessions do not run).
 */
final class NightCorrelator extends WholeWindowCorrelator<NightCorrelator.State> {
  static final class State extends GroupSpan {
    long night;
  }

  private final long offsetMs;
  private final int fromHour;
  private final int toHour;
  private final double minEvents;

  NightCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.offsetMs = (long) (rule.param("utc-offset-minutes") * 60_000L);
    this.fromHour = (int) rule.param("from-hour");
    this.toHour = (int) rule.param("to-hour");
    this.minEvents = rule.param("min-events");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    s.see(e.timestamp);
    int hour = (int) (Math.floorMod(e.timestamp + offsetMs, 86_400_000L) / 3_600_000L);
    boolean night = fromHour <= toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;
    if (night) {
      s.night++;
    }
  }

  @Override
  void conclude(long key, State s) {
    if (s.events >= minEvents) {
      measure(key, (double) s.night / s.events, s.first, s.last);
    }
  }

  @Override
  public void write(State s, GroupSpill.Out out) {
    super.write(s, out);
    out.putLong(s.night);
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.night = in.getLong();
    return s;
  }
}
