package org.apiaudit.detect.memory;

import java.util.Arrays;

/**
 * A map from long keys to objects, iterated in insertion order: per-group state of the
 * correlators, looked up once per event without boxing a {@code Long} or allocating an entry.
 * Each entry also carries a long "stamp" (the correlators' time of a group's last event), kept in
 * its own array so that a bulk removal can test it without touching the objects.
 *
 * <p>Entries live in dense arrays in insertion order; an open-addressing table (linear probing,
 * at most half full) holds each entry's index. Removal is in bulk ({@link #removeIf}), which
 * compacts the arrays and rebuilds the table at the size the survivors need.
 *
 * @param <V> the value type
 */
public final class LongObjectMap<V> {
  private static final int MIN_CAPACITY = 4;

  private long[] keys;
  private Object[] values;
  private long[] stamps;
  private int size;
  /** Entry index + 1 per slot, 0 when free; its length is a power of two. */
  private int[] slots;

  public LongObjectMap() {
    allocate(MIN_CAPACITY);
  }

  public int size() {
    return size;
  }

  /** The key of the {@code i}-th entry in insertion order. */
  public long keyAt(int i) {
    return keys[i];
  }

  /** The value of the {@code i}-th entry in insertion order. */
  @SuppressWarnings("unchecked")
  public V valueAt(int i) {
    return (V) values[i];
  }

  /** The stamp of the {@code i}-th entry (0 until {@link #stamp} sets it). */
  long stampAt(int i) {
    return stamps[i];
  }

  /** Sets the stamp of the {@code i}-th entry. */
  public void stamp(int i, long stamp) {
    stamps[i] = stamp;
  }

  @SuppressWarnings("unchecked")
  public V get(long key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) values[i];
  }

  /** Sets the value of {@code key}; an existing key keeps its place in the order. */
  public void put(long key, V value) {
    int mask = slots.length - 1;
    int s = slot(key, mask);
    for (int e = slots[s]; e != 0; e = slots[s]) {
      if (keys[e - 1] == key) {
        values[e - 1] = value;
        return;
      }
      s = (s + 1) & mask;
    }
    append(s, key, value);
  }

  /**
   * Adds an entry for a key that is not in the map.
   *
   * @return its index in insertion order
   */
  public int add(long key, V value) {
    append(freeSlot(key), key, value);
    return size - 1;
  }

  /** Tests an entry. */
  public interface EntryPredicate<V> {
    boolean test(long key, long stamp, V value);
  }

  /**
   * Removes every entry that matches; the others keep their order. The table is rebuilt in place
   * unless the survivors fit in a quarter of it.
   */
  public void removeIf(EntryPredicate<? super V> drop) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      @SuppressWarnings("unchecked")
      V v = (V) values[i];
      if (!drop.test(keys[i], stamps[i], v)) {
        keys[kept] = keys[i];
        values[kept] = values[i];
        stamps[kept] = stamps[i];
        kept++;
      }
    }
    if (kept == size) {
      return;
    }
    Arrays.fill(values, kept, size, null);
    size = kept;
    int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, kept)) * 2);
    if (capacity * 4 <= keys.length) {
      keys = Arrays.copyOf(keys, capacity);
      values = Arrays.copyOf(values, capacity);
      stamps = Arrays.copyOf(stamps, capacity);
      slots = new int[capacity * 2];
    } else {
      Arrays.fill(slots, 0);
    }
    for (int i = 0; i < size; i++) {
      slots[freeSlot(keys[i])] = i + 1;
    }
  }

  /** The index of {@code key} in insertion order, or -1 when it is not in the map. */
  public int indexOf(long key) {
    int mask = slots.length - 1;
    for (int s = slot(key, mask), e = slots[s]; e != 0; s = (s + 1) & mask, e = slots[s]) {
      if (keys[e - 1] == key) {
        return e - 1;
      }
    }
    return -1;
  }

  private void append(int s, long key, Object value) {
    if (size == keys.length) {
      grow();
      s = freeSlot(key);
    }
    keys[size] = key;
    values[size] = value;
    stamps[size] = 0;
    slots[s] = ++size;
  }

  private void grow() {
    int capacity = keys.length * 2;
    keys = Arrays.copyOf(keys, capacity);
    values = Arrays.copyOf(values, capacity);
    stamps = Arrays.copyOf(stamps, capacity);
    slots = new int[capacity * 2];
    for (int i = 0; i < size; i++) {
      slots[freeSlot(keys[i])] = i + 1;
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
    stamps = new long[capacity];
    slots = new int[capacity * 2];
    size = 0;
  }

  private int freeSlot(long key) {
    int mask = slots.length - 1;
    int s = slot(key, mask);
    while (slots[s] != 0) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private static int slot(long key, int mask) {
    return Hashes.mix(key) & mask;
  }
}
