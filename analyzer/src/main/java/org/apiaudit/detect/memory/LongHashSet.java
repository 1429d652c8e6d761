package org.apiaudit.detect.memory;

/**
 * A set of longs (ordinals or numbers) with open addressing: about 16 bytes per member instead of a
 * boxed {@code Long} and a node, so a group's distinct sets stay small and need no per-event
 * allocation.
 *
 * <p>Linear probing in a power-of-two table at most half full; 0 marks a free slot, so whether
 * 0 itself is a member is kept apart.
 */
public final class LongHashSet {
  private long[] table = new long[4];
  private int used;
  private boolean hasZero;

  /** Adds {@code v}; true when it was not a member yet. */
  public boolean add(long v) {
    if (v == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    int mask = table.length - 1;
    int s = Hashes.mix(v) & mask;
    for (long t = table[s]; t != 0; t = table[s]) {
      if (t == v) {
        return false;
      }
      s = (s + 1) & mask;
    }
    table[s] = v;
    if (++used * 2 > table.length) {
      rehash(table.length * 2);
    }
    return true;
  }

  public boolean contains(long v) {
    if (v == 0) {
      return hasZero;
    }
    int mask = table.length - 1;
    int s = Hashes.mix(v) & mask;
    for (long t = table[s]; t != 0; t = table[s]) {
      if (t == v) {
        return true;
      }
      s = (s + 1) & mask;
    }
    return false;
  }

  /** Empties the set, giving back its memory. */
  public void clear() {
    table = new long[4];
    used = 0;
    hasZero = false;
  }

  /** The members, in no particular order. */
  public long[] toArray() {
    long[] out = new long[size()];
    int n = 0;
    if (hasZero) {
      out[n++] = 0;
    }
    for (long v : table) {
      if (v != 0) {
        out[n++] = v;
      }
    }
    return out;
  }

  public int size() {
    return used + (hasZero ? 1 : 0);
  }

  /** Writes the set as it is laid out, for {@link GroupSpill}. */
  public void write(GroupSpill.Out out) {
    out.putInt(used);
    out.putInt(hasZero ? 1 : 0);
    out.putLongs(table);
  }

  /** Replaces the content with what {@link #write} wrote: the same table, no rehashing. */
  public void read(GroupSpill.In in) {
    used = in.getInt();
    hasZero = in.getInt() == 1;
    table = in.getLongs();
  }


  private void rehash(int length) {
    long[] old = table;
    table = new long[length];
    int mask = length - 1;
    for (long v : old) {
      if (v != 0) {
        int s = Hashes.mix(v) & mask;
        while (table[s] != 0) {
          s = (s + 1) & mask;
        }
        table[s] = v;
      }
    }
  }
}
