package org.apiaudit.detect.scan;

import org.apiaudit.schema.Event;

/**
 * One event as the correlation pass sees it: its time, the detection rules it matched, and
 * the columns of {@link EventColumns} by slot. The scanner reuses one for every event and
 * {@link EventLanes} copies it into a fixed ring: no per-event objects.
 */
public final class ScanEvent {
  public long timestamp;
  final long[] matched;
  final int[] ords;
  final long[] numbers;

  public ScanEvent(int rules, int keywordColumns, int numericColumns) {
    matched = new long[(rules + 63) >>> 6];
    ords = new int[keywordColumns];
    numbers = new long[numericColumns];
  }

  /** A blank event of the same shape. */
  ScanEvent emptyCopy() {
    return new ScanEvent(matched.length * 64, ords.length, numbers.length);
  }

  /** Makes this event a copy of {@code e}, which has the same shape. */
  void copyFrom(ScanEvent e) {
    timestamp = e.timestamp;
    System.arraycopy(e.matched, 0, matched, 0, matched.length);
    System.arraycopy(e.ords, 0, ords, 0, ords.length);
    System.arraycopy(e.numbers, 0, numbers, 0, numbers.length);
  }

  public boolean matches(int rule) {
    return (matched[rule >>> 6] & (1L << rule)) != 0;
  }

  /** Whether the event matched any rule of {@code mask} (from {@link #mask}). */
  public boolean matchesAny(long[] mask) {
    for (int i = 0; i < mask.length; i++) {
      if ((matched[i] & mask[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The rule indices {@code rules} as a bit mask, to test many at once. */
  public static long[] mask(int[] rules) {
    int words = 0;
    for (int r : rules) {
      words = Math.max(words, (r >>> 6) + 1);
    }
    long[] mask = new long[words];
    for (int r : rules) {
      mask[r >>> 6] |= 1L << r;
    }
    return mask;
  }

  /** Global ordinal in keyword slot {@code slot}, -1 when absent. */
  public int ord(int slot) {
    return ords[slot];
  }

  /** Number in numeric slot {@code slot}, {@link Event#NO_VALUE} when absent. */
  public long number(int slot) {
    return numbers[slot];
  }
}
