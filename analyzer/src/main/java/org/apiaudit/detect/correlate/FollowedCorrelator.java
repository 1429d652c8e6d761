package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.memory.LastSeenMap;
import org.apiaudit.detect.memory.LongRing;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Field;

/**
 * {@code x-apiaudit/followed}: the share of a group's leading events (first referenced rule)
 * that are followed by a follow-up event (second rule) of the same group within the timespan,
 * e.g. vaccinator searches followed by a vaccination record, or OTPs generated then confirmed.
 * With {@code join: FIELD} the follow-up must also carry the same value (the same mobile).
 * Measured over the whole window once the group has {@code min-events} leading events.
 *
 * <p>State per group: the pending leading events (time, or join value → time), which can only
 * be pending for one timespan, so it stays bounded by the group's rate.
 */
final class FollowedCorrelator extends WholeWindowCorrelator<FollowedCorrelator.State> {
  private static final int PENDING_CAP = 100_000;

  static final class State extends GroupSpan {
    final LongRing pending = new LongRing(PENDING_CAP);
    final LastSeenMap pendingByValue = new LastSeenMap();
    long leads;
    long followed;
  }

  private final long span;
  private final int lead;
  private final int follow;
  private final int joinSlot;
  private final double minEvents;

  FollowedCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns, Field join) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.span = rule.timespanMs();
    this.lead = ruleIndices[0];
    this.follow = ruleIndices[1];
    this.joinSlot = join == null ? -1 : columns.slot(join);
    this.minEvents = rule.param("min-events");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    long oldest = e.timestamp - span;
    if (e.matches(follow)) {
      if (joinSlot < 0) {
        s.pending.evictBefore(oldest);
        s.followed += s.pending.size();
        s.pending.clear();
      } else {
        int value = e.ord(joinSlot);
        if (value >= 0 && s.pendingByValue.remove(value, Long.MIN_VALUE) >= oldest) {
          s.followed++;
        }
      }
    }
    if (e.matches(lead)) {
      s.see(e.timestamp);
      s.leads++;
      if (joinSlot < 0) {
        s.pending.add(e.timestamp);
      } else if (e.ord(joinSlot) >= 0) {
        LastSeenMap pending = s.pendingByValue;
        pending.evictBefore(oldest);
        while (pending.size() > PENDING_CAP) {
          pending.removeFirst();
        }
        pending.see(e.ord(joinSlot), e.timestamp);
      }
    }
  }

  @Override
  void conclude(long key, State s) {
    if (s.leads >= minEvents && s.leads > 0) {
      measure(key, (double) s.followed / s.leads, s.first, s.last);
    }
  }

  @Override
  public void write(State s, GroupSpill.Out out) {
    super.write(s, out);
    s.pending.write(out);
    s.pendingByValue.write(out);
    out.putLong(s.leads);
    out.putLong(s.followed);
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.pending.read(in);
    s.pendingByValue.read(in);
    s.leads = in.getLong();
    s.followed = in.getLong();
    return s;
  }
}
