package org.apiaudit.detect.memory;

import java.util.Arrays;

/**
 * Occurrences per long value (an ordinal, a status code) in a {@link LongLongMap}, so counting an
 * event allocates nothing and a value costs a few dozen bytes, not a map entry and a counter object.
 */
public final class LongCounts {
  private final LongLongMap counts = new LongLongMap();

  public void add(long value) {
    counts.addTo(value, 1);
  }

  /** How often {@code value} was added; 0 when never. */
  public long get(long value) {
    return counts.get(value, 0);
  }

  /** How many distinct values were added. */
  public int size() {
    return counts.size();
  }

  /** The highest count; 0 when empty. */
  public long max() {
    long[] max = {0};
    counts.forEach((value, count) -> max[0] = Math.max(max[0], count));
    return max[0];
  }

  /** The values added at least once, ascending. */
  public long[] sortedKeys() {
    long[] keys = new long[counts.size()];
    int[] n = {0};
    counts.forEach((value, count) -> keys[n[0]++] = value);
    Arrays.sort(keys);
    return keys;
  }

  /** Writes the values and their counts, for {@link GroupSpill}. */
  public void write(GroupSpill.Out out) {
    out.putInt(counts.size());
    counts.forEach((value, count) -> {
      out.putLong(value);
      out.putLong(count);
    });
  }

  /** Adds the counts {@link #write} wrote. */
  public void read(GroupSpill.In in) {
    for (int n = in.getInt(); n > 0; n--) {
      long value = in.getLong();
      counts.addTo(value, in.getLong());
    }
  }
}
