package org.apiaudit.detect;

import java.util.Arrays;

/**
 * Distinct long values, each with the time it was last seen, oldest first: the sliding-window
 * state of distinct-value counts ({@code value_count}) and of pending joins ({@code followed}).
 * Seeing a value again moves it to the end, so values leaving the window are taken from the
 * front. Replaces a {@code LinkedHashMap<Long, Long>} without its per-entry objects.
 *
 * <p>Entries are nodes in parallel arrays, doubly linked in last-seen order and reused through a
 * free list; an open-addressing table (linear probing, at most half full, deletion by backward
 * shift) maps a value to its node.
 */
final class LastSeenMap {
  private static final int NONE = -1;

  private long[] values = new long[4];
  private long[] times = new long[4];
  private int[] prev = new int[4];
  private int[] next = new int[4];
  /** Node + 1 per slot, 0 when free; its length is a power of two. */
  private int[] slots = new int[8];
  private int head = NONE;
  private int tail = NONE;
  private int free = NONE;
  private int nodes;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Time of the least recently seen value; the map must not be empty. */
  long firstTime() {
    return times[head];
  }

  /** Removes the least recently seen value; the map must not be empty. */
  void removeFirst() {
    removeSlot(slotOf(values[head]));
  }

  /** Records {@code value} as seen at {@code time}, moving it to the end. */
  void see(long value, long time) {
    int s = slotOf(value);
    if (s >= 0) {
      removeSlot(s);
    }
    int n = newNode();
    values[n] = value;
    times[n] = time;
    prev[n] = tail;
    next[n] = NONE;
    if (tail == NONE) {
      head = n;
    } else {
      next[tail] = n;
    }
    tail = n;
    size++;
    int mask = slots.length - 1;
    s = Hashes.mix(value) & mask;
    while (slots[s] != 0) {
      s = (s + 1) & mask;
    }
    slots[s] = n + 1;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
  }

  /**
   * Removes {@code value}.
   *
   * @return the time it was last seen, or {@code absent} when it was not in the map
   */
  long remove(long value, long absent) {
    int s = slotOf(value);
    if (s < 0) {
      return absent;
    }
    long time = times[slots[s] - 1];
    removeSlot(s);
    return time;
  }

  private int slotOf(long value) {
    int mask = slots.length - 1;
    int s = Hashes.mix(value) & mask;
    for (int n = slots[s]; n != 0; n = slots[s]) {
      if (values[n - 1] == value) {
        return s;
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  private void removeSlot(int s) {
    int n = slots[s] - 1;
    if (prev[n] == NONE) {
      head = next[n];
    } else {
      next[prev[n]] = next[n];
    }
    if (next[n] == NONE) {
      tail = prev[n];
    } else {
      prev[next[n]] = prev[n];
    }
    next[n] = free;
    free = n;
    size--;
    // Backward-shift deletion keeps every probe chain unbroken.
    int mask = slots.length - 1;
    int hole = s;
    for (int j = (s + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
      int home = Hashes.mix(values[slots[j] - 1]) & mask;
      boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = 0;
  }

  private int newNode() {
    if (free != NONE) {
      int n = free;
      free = next[n];
      return n;
    }
    if (nodes == values.length) {
      int capacity = nodes * 2;
      values = Arrays.copyOf(values, capacity);
      times = Arrays.copyOf(times, capacity);
      prev = Arrays.copyOf(prev, capacity);
      next = Arrays.copyOf(next, capacity);
    }
    return nodes++;
  }

  private void rehash(int length) {
    slots = new int[length];
    int mask = length - 1;
    for (int n = head; n != NONE; n = next[n]) {
      int s = Hashes.mix(values[n]) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = n + 1;
    }
  }
}
