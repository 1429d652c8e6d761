package org.apiaudit.detect.memory;

import java.util.Arrays;

/**
 * Distinct long values, each with the time it was last seen, oldest first: the sliding-window
 * state of distinct-value counts ({@code value_count}) and of pending joins ({@code followed}).
 * Seeing a value again moves it to the end, so values leaving the window are taken from the
 * front. Replaces a {@code LinkedHashMap<Long, Long>} without its per-entry objects.
 *
 * <p>Entries are nodes in two arrays ({value, time} and {prev, next} pairs), doubly linked in
 * last-seen order and reused through a free list; an open-addressing table (linear probing, at
 * most half full, deletion by backward shift) maps a value to its node. It starts small: most
 * groups (one per address, say) only ever hold a value or two.
 */
public final class LastSeenMap {
  private static final int NONE = -1;

  /** Node n's value at 2n, its time at 2n + 1. */
  private long[] entries = new long[4];
  /** Node n's previous node at 2n, its next node at 2n + 1. */
  private int[] links = new int[4];
  /** Node n's slot, so the oldest value is removed without probing for it. */
  private int[] slotOfNode = new int[2];
  /** Node + 1 per slot, 0 when free; its length is a power of two. */
  private int[] slots = new int[4];
  private int head = NONE;
  private int tail = NONE;
  private int free = NONE;
  private int nodes;
  private int size;

  public int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Time of the least recently seen value; the map must not be empty. */
  public long firstTime() {
    return entries[2 * head + 1];
  }

  /** Time of the most recently seen value; the map must not be empty. */
  long lastTime() {
    return entries[2 * tail + 1];
  }

  /**
   * Whether every value was last seen before {@code oldest} (true when empty): the whole map
   * can then be dropped without removing its values one by one.
   */
  boolean allBefore(long oldest) {
    return size == 0 || lastTime() < oldest;
  }

  /** Removes the values last seen before {@code oldest}: those that left a sliding window. */
  public void evictBefore(long oldest) {
    while (size > 0 && firstTime() < oldest) {
      removeFirst();
    }
  }

  /** Removes the least recently seen value; the map must not be empty. */
  public void removeFirst() {
    removeSlot(slotOfNode[head]);
  }

  /** Records {@code value} as seen at {@code time}, moving it to the end. */
  public void see(long value, long time) {
    int s = slotOf(value);
    if (s >= 0) {
      moveToEnd(slots[s] - 1, time);
      return;
    }
    int n = newNode();
    entries[2 * n] = value;
    entries[2 * n + 1] = time;
    links[2 * n] = tail;
    links[2 * n + 1] = NONE;
    if (tail == NONE) {
      head = n;
    } else {
      links[2 * tail + 1] = n;
    }
    tail = n;
    size++;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2); // places the new node too
    } else {
      int mask = slots.length - 1;
      s = Hashes.mix(value) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = n + 1;
      slotOfNode[n] = s;
    }
  }

  /** Writes the values and their times, least recently seen first, for {@link GroupSpill}. */
  public void write(GroupSpill.Out out) {
    out.putInt(size);
    for (int n = head; n != NONE; n = links[2 * n + 1]) {
      out.putLong(entries[2 * n]);
      out.putLong(entries[2 * n + 1]);
    }
  }

  /** Sees the values {@link #write} wrote, in their order. */
  public void read(GroupSpill.In in) {
    for (int k = in.getInt(); k > 0; k--) {
      long value = in.getLong();
      see(value, in.getLong());
    }
  }

  /** Moves node {@code n} to the end of the order with a new time; its slot stays. */
  private void moveToEnd(int n, long time) {
    entries[2 * n + 1] = time;
    if (n == tail) {
      return;
    }
    unlink(n);
    links[2 * n] = tail;
    links[2 * n + 1] = NONE;
    links[2 * tail + 1] = n;
    tail = n;
  }

  /** When {@code value} was last seen, or {@code absent} when it is not in the map. */
  public long timeOf(long value, long absent) {
    int s = slotOf(value);
    return s < 0 ? absent : entries[2 * (slots[s] - 1) + 1];
  }

  /**
   * Removes {@code value}.
   *
   * @return the time it was last seen, or {@code absent} when it was not in the map
   */
  public long remove(long value, long absent) {
    int s = slotOf(value);
    if (s < 0) {
      return absent;
    }
    long time = entries[2 * (slots[s] - 1) + 1];
    removeSlot(s);
    return time;
  }

  private int slotOf(long value) {
    int mask = slots.length - 1;
    int s = Hashes.mix(value) & mask;
    for (int n = slots[s]; n != 0; n = slots[s]) {
      if (entries[2 * (n - 1)] == value) {
        return s;
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  /** Takes node {@code n} out of the last-seen order. */
  private void unlink(int n) {
    int prev = links[2 * n];
    int next = links[2 * n + 1];
    if (prev == NONE) {
      head = next;
    } else {
      links[2 * prev + 1] = next;
    }
    if (next == NONE) {
      tail = prev;
    } else {
      links[2 * next] = prev;
    }
  }

  private void removeSlot(int s) {
    int n = slots[s] - 1;
    unlink(n);
    links[2 * n + 1] = free;
    free = n;
    size--;
    // Backward-shift deletion keeps every probe chain unbroken.
    int mask = slots.length - 1;
    int hole = s;
    for (int j = (s + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
      int home = Hashes.mix(entries[2 * (slots[j] - 1)]) & mask;
      boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        slots[hole] = slots[j];
        slotOfNode[slots[j] - 1] = hole;
        hole = j;
      }
    }
    slots[hole] = 0;
  }

  private int newNode() {
    if (free != NONE) {
      int n = free;
      free = links[2 * n + 1];
      return n;
    }
    if (2 * nodes == entries.length) {
      entries = Arrays.copyOf(entries, entries.length * 2);
      links = Arrays.copyOf(links, links.length * 2);
      slotOfNode = Arrays.copyOf(slotOfNode, slotOfNode.length * 2);
    }
    return nodes++;
  }

  private void rehash(int length) {
    slots = new int[length];
    int mask = length - 1;
    for (int n = head; n != NONE; n = links[2 * n + 1]) {
      int s = Hashes.mix(entries[2 * n]) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = n + 1;
      slotOfNode[n] = s;
    }
  }
}
