package org.apiaudit.detect.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.memory.LongObjectMap;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.Threshold;
import org.apiaudit.schema.Field;

/**
 * Shared plumbing of correlators: which rule indices feed it, how a group key is made from up
 * to two group-by columns (two global ordinals packed in one long), per-group state, and the
 * best hit per group. Events missing a group-by value are not grouped (Sigma backends differ
 * here; an actor needs an identity). Group state is kept in a {@link LongObjectMap}: one lookup
 * per event, no boxing, beside the time of each group's last event. Every {@link #purgeEveryMs}
 * of log time, groups without an event for {@link #quietMs} are {@link #release released}, so
 * memory follows the recently active groups, not the window.
 *
 * @param <S> per-group state
 */
public abstract class GroupedCorrelator<S> implements Correlator {
  /** How often, in log time, quiet groups are released by default (see {@link #release}). */
  static final long PURGE_EVERY_MS = 15 * 60_000L;

  final Rule rule;
  final int[] ruleIndices;
  private final long[] ruleMask;
  final Threshold threshold;
  private final List<Field> groupBy;
  private final int[] groupSlots;
  private final EventColumns columns;
  final LongObjectMap<S> groups = new LongObjectMap<>();
  /** Best measure per group: {measured, first, last}. */
  private final LongObjectMap<double[]> best = new LongObjectMap<>();
  private final Supplier<S> newState;
  private long nextPurge = Long.MIN_VALUE;
  private long windowMs = Long.MAX_VALUE;

  GroupedCorrelator(Rule rule, int[] ruleIndices, List<Field> groupBy, Threshold threshold, EventColumns columns,
      Supplier<S> newState) {
    this.rule = rule;
    this.ruleIndices = ruleIndices;
    this.ruleMask = ScanEvent.mask(ruleIndices);
    this.groupBy = groupBy;
    this.threshold = threshold;
    this.columns = columns;
    this.newState = newState;
    this.groupSlots = groupBy.stream().mapToInt(columns::slot).toArray();
  }

  @Override
  public final long[] ruleMask() {
    return ruleMask;
  }

  @Override
  public final void accept(ScanEvent e) {
    if (!e.matchesAny(ruleMask)) {
      return;
    }
    long key = key(e);
    if (key < 0) {
      return;
    }
    int i = groups.indexOf(key);
    if (i < 0) {
      S restored = restore(key);
      i = groups.add(key, restored != null ? restored : newState.get());
    }
    groups.stamp(i, e.timestamp);
    update(key, groups.valueAt(i), e);
    if (e.timestamp >= nextPurge) {
      if (nextPurge != Long.MIN_VALUE) {
        purge(e.timestamp);
      }
      nextPurge = e.timestamp + purgeEveryMs();
    }
  }

  /**
   * Releases the groups without an event for {@link #quietMs}: a purge over hundreds of thousands
   * of live groups reads one array of last-event times, and only the released states.
   */
  private void purge(long now) {
    long quiet = quietMs();
    if (quiet == Long.MAX_VALUE) {
      return;
    }
    groups.removeIf((k, lastEvent, s) -> {
      if (lastEvent >= now - quiet) {
        return false;
      }
      release(k, s);
      return true;
    });
  }

  /** Updates a group's state with an event of the rules it correlates. */
  abstract void update(long key, S state, ScanEvent e);

  /** How often, in log time, groups are checked for being idle. */
  long purgeEveryMs() {
    return PURGE_EVERY_MS;
  }

  /**
   * How long, in log time, a group must go without events before it is {@link #release released}:
   * never, unless the correlator declares a {@link #slidingWindow}.
   */
  long quietMs() {
    return windowMs;
  }

  /**
   * Declares that a group's state holds only its events of the last {@code span} of log time (an
   * update first drops those older than that): a group without an event for {@code span} then
   * holds nothing that can count, and is dropped. Until then it holds at most the window of its
   * last event.
   */
  final void slidingWindow(long span) {
    windowMs = span;
  }

  /**
   * Called for a group quiet for {@link #quietMs} as it leaves memory: a correlator that keeps
   * such groups elsewhere stores it here; by default it is dropped.
   */
  void release(long key, S state) {}

  /** The state of a group released earlier and kept elsewhere, or null to start afresh. */
  S restore(long key) {
    return null;
  }

  /** Visits every group in memory, in first-seen order, for correlators that measure once at the end. */
  final void forEachGroup(GroupSpill.GroupVisitor<S> visitor) {
    for (int i = 0; i < groups.size(); i++) {
      visitor.visit(groups.keyAt(i), groups.valueAt(i));
    }
  }

  private long key(ScanEvent e) {
    if (groupSlots.length == 0) {
      return 0;
    }
    int a = e.ord(groupSlots[0]);
    if (a < 0) {
      return -1;
    }
    if (groupSlots.length == 1) {
      return a;
    }
    int b = e.ord(groupSlots[1]);
    return b < 0 ? -1 : ((long) a << 32) | b;
  }

  /** Records a measurement that passed the threshold, keeping the most extreme one per group. */
  final void fire(long key, double measured, long first, long last) {
    double[] prev = best.get(key);
    if (prev == null) {
      best.put(key, new double[] {measured, first, last});
    } else if (threshold.upward() ? measured > prev[0] : measured < prev[0]) {
      prev[0] = measured;
      prev[1] = first;
      prev[2] = last;
    }
  }

  /** Tests and records. */
  final void measure(long key, double measured, long first, long last) {
    if (threshold.test(measured)) {
      fire(key, measured, first, last);
    }
  }

  /**
   * The hits in key order, which is the order of the group values (global ordinals are sorted), so
   * they do not depend on when a group fired or was written to disk.
   */
  @Override
  public List<GroupHit> hits() {
    long[] keys = new long[best.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = best.keyAt(i);
    }
    Arrays.sort(keys);
    List<GroupHit> out = new ArrayList<>();
    for (long key : keys) {
      List<String> values = new ArrayList<>();
      if (groupSlots.length == 1) {
        values.add(columns.ordsAt(groupSlots[0]).lookup((int) key));
      } else if (groupSlots.length == 2) {
        values.add(columns.ordsAt(groupSlots[0]).lookup((int) (key >>> 32)));
        values.add(columns.ordsAt(groupSlots[1]).lookup((int) key));
      }
      double[] v = best.get(key);
      out.add(new GroupHit(rule, groupBy, values, v[0], threshold.value(), threshold.op(), (long) v[1], (long) v[2]));
    }
    return out;
  }
}
