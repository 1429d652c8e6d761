package org.apiaudit.detect.correlate;

import java.util.List;
import java.util.function.Supplier;
import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.Threshold;
import org.apiaudit.schema.Field;

/**
 * A correlator that measures each group once, over the whole window, when the stream ends. A group
 * untouched for {@link #IDLE_AFTER_MS} of log time (by default) is written to a {@link GroupSpill}
 * and read back if it shows up again, so memory holds the groups active in the last few hours
 * however long the window (where idle groups lie in the file is kept off the heap, see
 * {@link org.apiaudit.detect.memory.SpillOffsets}): a session token is used for minutes, then never again. Its state is
 * written whole, so findings are the same as with every group in memory.
 *
 * <p>Four hours keeps a busy address that pauses over lunch or between shifts in memory, so the
 * states written out are mostly those of actors that are gone: on 28 days of traffic, detection
 * took 71 s with four hours and 80 s with one, which wrote large shared-address states out and
 * back every night.
 *
 * @param <S> per-group state
 */
public abstract class WholeWindowCorrelator<S extends GroupSpan> extends GroupedCorrelator<S>
    implements GroupSpill.Codec<S> {
  /** Log time after which an untouched group goes to disk. */
  public static final long IDLE_AFTER_MS = 4 * 60 * 60_000L;

  private final GroupSpill<S> spill;
  private long idleAfterMs = IDLE_AFTER_MS;

  WholeWindowCorrelator(Rule rule, int[] ruleIndices, List<Field> groupBy, Threshold threshold, EventColumns columns,
      Supplier<S> newState) {
    super(rule, ruleIndices, groupBy, threshold, columns, newState);
    long keys = groupBy.size() == 1 ? columns.ordsAt(columns.slot(groupBy.get(0))).valueCount() : -1;
    this.spill = new GroupSpill<>(this, keys);
  }

  /** Sets how long, in log time, an untouched group stays in memory. */
  public final void idleAfter(long ms) {
    idleAfterMs = ms;
  }

  /** Measures a group at the end of the window. */
  abstract void conclude(long key, S state);

  /** Writes {@link GroupSpan}'s fields; states extending it add their own after these. */
  @Override
  public void write(S state, GroupSpill.Out out) {
    out.putLong(state.first);
    out.putLong(state.last);
    out.putLong(state.events);
  }

  /** Reads what {@link #write} wrote into a new state. */
  @Override
  public abstract S read(GroupSpill.In in);

  /** Reads {@link GroupSpan}'s fields into {@code state}. */
  static <T extends GroupSpan> T readSpan(T state, GroupSpill.In in) {
    state.first = in.getLong();
    state.last = in.getLong();
    state.events = in.getLong();
    return state;
  }

  /** A quarter of the idle time: a group stays in memory at most 25% longer than it must. */
  @Override
  final long purgeEveryMs() {
    return Math.max(1, idleAfterMs / 4);
  }

  /** A group goes to disk once it has been idle this long. */
  @Override
  final long quietMs() {
    return idleAfterMs;
  }

  @Override
  final void release(long key, S state) {
    spill.store(key, state);
  }

  @Override
  final S restore(long key) {
    return spill.restore(key);
  }

  /** Twice a counter: a group's state is written to disk when it idles, read back if it returns. */
  @Override
  public int cost() {
    return 2;
  }

  /** How many groups are on disk now. */
  public final int stored() {
    return spill.stored();
  }

  @Override
  public final void finish() {
    try {
      forEachGroup(this::conclude);
      spill.forEachStored(this::conclude);
    } finally {
      spill.close();
    }
  }
}
