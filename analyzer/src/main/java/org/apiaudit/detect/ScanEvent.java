package org.apiaudit.detect;

import org.apiaudit.schema.Event;

/**
 * One event as the correlation pass sees it: its time, the detection rules it matched, and
 * the columns of {@link EventColumns} by slot. Reused for every event (no per-event objects).
 */
final class ScanEvent {
  long timestamp;
  final long[] matched;
  final int[] ords;
  final long[] numbers;

  ScanEvent(int rules, int keywordColumns, int numericColumns) {
    matched = new long[(rules + 63) >>> 6];
    ords = new int[keywordColumns];
    numbers = new long[numericColumns];
  }

  boolean matches(int rule) {
    return (matched[rule >>> 6] & (1L << rule)) != 0;
  }

  boolean matchesAny(int[] rules) {
    for (int r : rules) {
      if (matches(r)) {
        return true;
      }
    }
    return false;
  }

  /** Global ordinal in keyword slot {@code slot}, -1 when absent. */
  int ord(int slot) {
    return ords[slot];
  }

  /** Number in numeric slot {@code slot}, {@link Event#NO_VALUE} when absent. */
  long number(int slot) {
    return numbers[slot];
  }
}
