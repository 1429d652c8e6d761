package org.apiaudit.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.Threshold;
import org.apiaudit.schema.Field;

/**
 * A correlator that measures each group once, over the whole window, when the stream ends. A group
 * untouched for {@link #IDLE_AFTER_MS} of log time (by default) is written to a {@link GroupSpill} and read back
 * if it shows up again, so memory holds the groups active in about the last hour (plus a few bytes
 * per idle group), however long the window: a session token is used for minutes, then never again.
 * Its state is written whole, so findings are the same as with every group in memory.
 *
 * @param <S> per-group state; {@link GroupSpan#last} tells when it was last touched
 */
abstract class WholeWindowCorrelator<S extends GroupSpan> extends GroupedCorrelator<S>
    implements GroupSpill.Codec<S> {
  /** Log time after which an untouched group goes to disk. */
  static final long IDLE_AFTER_MS = 60 * 60_000L;

  private final GroupSpill<S> spill = new GroupSpill<>(this);
  private long idleAfterMs = IDLE_AFTER_MS;

  WholeWindowCorrelator(Rule rule, int[] ruleIndices, List<Field> groupBy, Threshold threshold, EventColumns columns,
      Supplier<S> newState) {
    super(rule, ruleIndices, groupBy, threshold, columns, newState);
  }

  /** Sets how long, in log time, an untouched group stays in memory. */
  final void idleAfter(long ms) {
    idleAfterMs = ms;
  }

  /** Measures a group at the end of the window. */
  abstract void conclude(long key, S state);

  /** Writes {@link GroupSpan}'s fields; states extending it add their own after these. */
  @Override
  public void write(S state, DataOutput out) throws IOException {
    out.writeLong(state.first);
    out.writeLong(state.last);
    out.writeLong(state.events);
  }

  /** Reads what {@link #write} wrote into a new state. */
  @Override
  public abstract S read(DataInput in) throws IOException;

  /** Reads {@link GroupSpan}'s fields into {@code state}. */
  static <T extends GroupSpan> T readSpan(T state, DataInput in) throws IOException {
    state.first = in.readLong();
    state.last = in.readLong();
    state.events = in.readLong();
    return state;
  }

  @Override
  final boolean release(long key, S state, long now) {
    long idleFor = state.last == Long.MIN_VALUE ? Long.MAX_VALUE : now - state.last;
    if (idleFor <= idleAfterMs) {
      return false;
    }
    spill.store(key, state);
    return true;
  }

  @Override
  final S restore(long key) {
    return spill.restore(key);
  }

  /** How many groups are on disk now. */
  final int stored() {
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
