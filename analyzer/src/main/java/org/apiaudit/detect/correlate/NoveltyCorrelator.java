package org.apiaudit.detect.correlate;

import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.memory.LongHashSet;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Event;

/**
 * {@code x-apiaudit/novelty}: for each group (a principal), the values of {@code field} (its IPs
 * or user agents) seen during its first {@code history} of activity (default 1d) are its
 * baseline; the measure is the share of its later events with a value outside that baseline,
 * once it has {@code min-events} later events. A vaccinator login suddenly used from a new
 * address or client shows here.
 */
final class NoveltyCorrelator extends WholeWindowCorrelator<NoveltyCorrelator.State> {
  private static final int SET_CAP = 10_000;

  static final class State extends GroupSpan {
    final LongHashSet known = new LongHashSet();
    long later;
    long novel;
    long firstNovel = Long.MAX_VALUE;
  }

  private final int slot;
  private final boolean numeric;
  private final long history;
  private final double minEvents;

  NoveltyCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.slot = columns.slot(rule.field());
    this.numeric = rule.field().isNumeric();
    this.history = rule.durationParam("history");
    this.minEvents = rule.param("min-events");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    long v = numeric ? e.number(slot) : e.ord(slot);
    if (numeric ? v == Event.NO_VALUE : v < 0) {
      return;
    }
    s.see(e.timestamp);
    if (e.timestamp < s.first + history) {
      if (s.known.size() < SET_CAP) {
        s.known.add(v);
      }
    } else {
      s.later++;
      if (!s.known.contains(v)) {
        s.novel++;
        s.firstNovel = Math.min(s.firstNovel, e.timestamp);
      }
    }
  }

  @Override
  void conclude(long key, State s) {
    if (s.later >= minEvents) {
      measure(key, (double) s.novel / s.later, s.firstNovel == Long.MAX_VALUE ? s.first : s.firstNovel, s.last);
    }
  }

  @Override
  public void write(State s, GroupSpill.Out out) {
    super.write(s, out);
    s.known.write(out);
    out.putLong(s.later);
    out.putLong(s.novel);
    out.putLong(s.firstNovel);
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.known.read(in);
    s.later = in.getLong();
    s.novel = in.getLong();
    s.firstNovel = in.getLong();
    return s;
  }
}
