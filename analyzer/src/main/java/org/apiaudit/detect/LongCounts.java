package org.apiaudit.detect;

import java.util.Arrays;

/**
 * Occurrences per long value (an ordinal, a status code): a {@link LongObjectMap} of counters,
 * so counting an event allocates nothing once its value has been seen.
 */
final class LongCounts {
  private final LongObjectMap<long[]> counts = new LongObjectMap<>();

  void add(long value) {
    counts.getOrCreate(value, () -> new long[1])[0]++;
  }

  /** How often {@code value} was added; 0 when never. */
  long get(long value) {
    long[] c = counts.get(value);
    return c == null ? 0 : c[0];
  }

  /** How many distinct values were added. */
  int size() {
    return counts.size();
  }

  /** The highest count; 0 when empty. */
  long max() {
    long max = 0;
    for (int i = 0; i < counts.size(); i++) {
      max = Math.max(max, counts.valueAt(i)[0]);
    }
    return max;
  }

  /** Writes the values and their counts, for {@link GroupSpill}. */
  void write(GroupSpill.Out out) {
    out.putInt(counts.size());
    for (int i = 0; i < counts.size(); i++) {
      out.putLong(counts.keyAt(i));
      out.putLong(counts.valueAt(i)[0]);
    }
  }

  /** Adds the counts {@link #write} wrote. */
  void read(GroupSpill.In in) {
    for (int n = in.getInt(); n > 0; n--) {
      long value = in.getLong();
      counts.getOrCreate(value, () -> new long[1])[0] += in.getLong();
    }
  }

  /** The values added at least once, ascending. */
  long[] sortedKeys() {
    long[] keys = new long[counts.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = counts.keyAt(i);
    }
    Arrays.sort(keys);
    return keys;
  }
}
