package org.apiaudit.detect;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A map from long keys to objects, iterated in insertion order: per-group state of the
 * correlators, looked up once per event without boxing a {@code Long} or allocating an entry.
 *
 * <p>Entries live in dense arrays in insertion order; an open-addressing table (linear probing,
 * at most half full) holds each entry's index. Removal is in bulk ({@link #removeIf}), which
 * compacts the arrays and rebuilds the table at the size the survivors need.
 *
 * @param <V> the value type
 */
final class LongObjectMap<V> {
  private static final int MIN_CAPACITY = 4;

  private long[] keys;
  private Object[] values;
  private int size;
  /** Entry index + 1 per slot, 0 when free; its length is a power of two. */
  private int[] slots;

  LongObjectMap() {
    allocate(MIN_CAPACITY);
  }

  int size() {
    return size;
  }

  /** The key of the {@code i}-th entry in insertion order. */
  long keyAt(int i) {
    return keys[i];
  }

  /** The value of the {@code i}-th entry in insertion order. */
  @SuppressWarnings("unchecked")
  V valueAt(int i) {
    return (V) values[i];
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) values[i];
  }

  /** The value of {@code key}, first adding one from {@code create} when there is none. */
  @SuppressWarnings("unchecked")
  V getOrCreate(long key, Supplier<? extends V> create) {
    int mask = slots.length - 1;
    int s = slot(key, mask);
    for (int e = slots[s]; e != 0; e = slots[s]) {
      if (keys[e - 1] == key) {
        return (V) values[e - 1];
      }
      s = (s + 1) & mask;
    }
    V v = create.get();
    append(s, key, v);
    return v;
  }

  /** Sets the value of {@code key}; an existing key keeps its place in the order. */
  void put(long key, V value) {
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

  /** Tests an entry. */
  interface EntryPredicate<V> {
    boolean test(long key, V value);
  }

  /** Removes every entry that matches; the others keep their order. */
  @SuppressWarnings("unchecked")
  void removeIf(EntryPredicate<? super V> drop) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!drop.test(keys[i], (V) values[i])) {
        keys[kept] = keys[i];
        values[kept] = values[i];
        kept++;
      }
    }
    if (kept == size) {
      return;
    }
    long[] k = keys;
    Object[] v = values;
    allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, kept)) * 2));
    for (int i = 0; i < kept; i++) {
      put(k[i], (V) v[i]);
    }
  }

  private int indexOf(long key) {
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
    slots[s] = ++size;
  }

  private void grow() {
    int capacity = keys.length * 2;
    keys = Arrays.copyOf(keys, capacity);
    values = Arrays.copyOf(values, capacity);
    slots = new int[capacity * 2];
    for (int i = 0; i < size; i++) {
      slots[freeSlot(keys[i])] = i + 1;
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
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
