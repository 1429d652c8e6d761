package org.apiaudit.detect.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiaudit.detect.memory.LongHashSet;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Event;

/**
 * {@code x-apiaudit/baseline}: distinct values of {@code field} per group per period (default one
 * IST day), compared with a baseline: the group's own median over its earlier periods when it
 * has at least {@code min-history} of them, otherwise the {@code peer-percentile} (default 95th)
 * of the other groups' periods when there are at least {@code min-peers}. The measure is
 * count / baseline; a period below {@code min-value} distinct values is never judged. So a
 * large partner is compared with its own normal volume, not with small ones.
 *
 * <p>State per group: the current period's distinct set (events arrive in time order, so a
 * period closes for good when the next one starts; capped) and one count per closed period.
 */
final class BaselineCorrelator extends GroupedCorrelator<BaselineCorrelator.State> {
  private static final int SET_CAP = 1 << 20;

  static final class State {
    long period = Long.MIN_VALUE;
    final LongHashSet current = new LongHashSet();
    final List<long[]> closed = new ArrayList<>(); // {period, count}
  }

  private final int slot;
  private final boolean numeric;
  private final long periodMs;
  private final long offsetMs;
  private final double minHistory;
  private final double minPeers;
  private final double percentile;
  private final double minValue;

  BaselineCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.slot = columns.slot(rule.field());
    this.numeric = rule.field().isNumeric();
    this.periodMs = rule.durationParam("period");
    this.offsetMs = (long) (rule.param("utc-offset-minutes") * 60_000L);
    this.minHistory = rule.param("min-history");
    this.minPeers = rule.param("min-peers");
    this.percentile = rule.param("peer-percentile");
    this.minValue = rule.param("min-value");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    long v = numeric ? e.number(slot) : e.ord(slot);
    if (numeric ? v == Event.NO_VALUE : v < 0) {
      return;
    }
    long period = Math.floorDiv(e.timestamp + offsetMs, periodMs);
    if (period != s.period) {
      close(s);
      s.period = period;
    }
    if (s.current.size() < SET_CAP) {
      s.current.add(v);
    }
  }

  private static void close(State s) {
    if (s.period != Long.MIN_VALUE) {
      s.closed.add(new long[] {s.period, s.current.size()});
    }
    s.current.clear();
  }

  @Override
  public void finish() {
    for (int g = 0; g < groups.size(); g++) {
      State s = groups.valueAt(g);
      close(s);
      s.period = Long.MIN_VALUE;
    }
    forEachGroup((key, s) -> {
      List<long[]> own = s.closed;
      for (int i = 0; i < own.size(); i++) {
        long count = own.get(i)[1];
        if (count < minValue) {
          continue;
        }
        double baseline;
        if (i >= minHistory) {
          baseline = median(own.subList(0, i));
        } else {
          double[] peers = peerCounts(key);
          if (peers.length < minPeers) {
            continue;
          }
          baseline = percentile(peers, percentile);
        }
        long start = own.get(i)[0] * periodMs - offsetMs;
        measure(key, count / Math.max(baseline, 1.0), start, start + periodMs - 1);
      }
    });
  }

  private double[] peerCounts(long self) {
    List<Double> out = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (groups.keyAt(g) != self) {
        for (long[] p : groups.valueAt(g).closed) {
          out.add((double) p[1]);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double median(List<long[]> periods) {
    double[] v = periods.stream().mapToDouble(p -> p[1]).toArray();
    return percentile(v, 50);
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }
}
