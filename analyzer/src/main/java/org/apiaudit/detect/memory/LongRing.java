package org.apiaudit.detect.memory;

/**
 * A bounded FIFO of longs (timestamps of a sliding window), growing up to a cap; when full,
 * the oldest entry is dropped, so a window's count saturates at the cap instead of growing
 * without bound.
 */
public final class LongRing {
  private long[] items = new long[8];
  private int head;
  private int size;
  private final int cap;

  public LongRing(int cap) {
    this.cap = cap;
  }

  public void add(long v) {
    if (size == cap) {
      pollFirst();
    }
    if (size == items.length) {
      long[] bigger = new long[Math.min(cap, items.length * 2)];
      for (int i = 0; i < size; i++) {
        bigger[i] = items[(head + i) % items.length];
      }
      items = bigger;
      head = 0;
    }
    items[(head + size) % items.length] = v;
    size++;
  }

  public long first() {
    return items[head];
  }

  long pollFirst() {
    long v = items[head];
    head = (head + 1) % items.length;
    size--;
    return v;
  }

  public int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Drops entries older than {@code oldest}; returns how many were dropped. */
  public int evictBefore(long oldest) {
    int n = 0;
    while (size > 0 && items[head] < oldest) {
      pollFirst();
      n++;
    }
    return n;
  }

  /** Writes the entries oldest first, for {@link GroupSpill}. */
  public void write(GroupSpill.Out out) {
    out.putInt(size);
    for (int i = 0; i < size; i++) {
      out.putLong(items[(head + i) % items.length]);
    }
  }

  /** Appends the entries {@link #write} wrote. */
  public void read(GroupSpill.In in) {
    for (int n = in.getInt(); n > 0; n--) {
      add(in.getLong());
    }
  }

  public void clear() {
    size = 0;
    head = 0;
  }
}
