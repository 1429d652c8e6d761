package org.apiaudit.detect.memory;

/**
 * A map from long keys to long values with open addressing: occurrence counts ({@link LongCounts})
 * and where a group written to disk lies in its {@link GroupSpill}, at 21 to 43 bytes per key
 * instead of a boxed entry.
 *
 * <p>Linear probing in two parallel power-of-two arrays at most three quarters full. Entries are
 * never removed (a caller overwrites the value instead), so 0 can mark a free slot; key 0 is
 * kept apart.
 */
final class LongLongMap {
  private long[] keys = new long[16];
  private long[] values = new long[16];
  private int used;
  private boolean hasZero;
  private long zeroValue;

  /** The value of {@code key}, or {@code absent} when it has none. */
  long get(long key, long absent) {
    if (key == 0) {
      return hasZero ? zeroValue : absent;
    }
    int mask = keys.length - 1;
    for (int s = Hashes.mix(key) & mask; keys[s] != 0; s = (s + 1) & mask) {
      if (keys[s] == key) {
        return values[s];
      }
    }
    return absent;
  }

  void put(long key, long value) {
    if (key == 0) {
      hasZero = true;
      zeroValue = value;
      return;
    }
    int mask = keys.length - 1;
    int s = Hashes.mix(key) & mask;
    for (; keys[s] != 0; s = (s + 1) & mask) {
      if (keys[s] == key) {
        values[s] = value;
        return;
      }
    }
    keys[s] = key;
    values[s] = value;
    if (++used * 4 > keys.length * 3) {
      rehash(keys.length * 2);
    }
  }

  /** Adds {@code delta} to the value of {@code key} (0 when it has none); returns the sum. */
  long addTo(long key, long delta) {
    if (key == 0) {
      zeroValue = (hasZero ? zeroValue : 0) + delta;
      hasZero = true;
      return zeroValue;
    }
    int mask = keys.length - 1;
    int s = Hashes.mix(key) & mask;
    for (; keys[s] != 0; s = (s + 1) & mask) {
      if (keys[s] == key) {
        return values[s] += delta;
      }
    }
    keys[s] = key;
    values[s] = delta;
    if (++used * 4 > keys.length * 3) {
      rehash(keys.length * 2);
    }
    return delta;
  }

  /** Visits a key and its value. */
  interface EntryVisitor {
    void visit(long key, long value);
  }

  /** Visits every key with its value, in no particular order. */
  void forEach(EntryVisitor visitor) {
    if (hasZero) {
      visitor.visit(0, zeroValue);
    }
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != 0) {
        visitor.visit(keys[s], values[s]);
      }
    }
  }

  /** How many keys have a value. */
  int size() {
    return used + (hasZero ? 1 : 0);
  }

  private void rehash(int length) {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[length];
    values = new long[length];
    int mask = length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int s = Hashes.mix(oldKeys[i]) & mask;
        while (keys[s] != 0) {
          s = (s + 1) & mask;
        }
        keys[s] = oldKeys[i];
        values[s] = oldValues[i];
      }
    }
  }
}
