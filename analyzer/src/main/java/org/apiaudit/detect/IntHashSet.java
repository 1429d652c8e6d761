package org.apiaudit.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A set of ints (global ordinals) with open addressing: about 8 bytes per member instead of a
 * boxed {@code Integer} and a node, so a group's distinct sets stay small and need no per-event
 * allocation.
 *
 * <p>Linear probing in a power-of-two table at most half full; 0 marks a free slot, so whether
 * 0 itself is a member is kept apart.
 */
final class IntHashSet {
  private int[] table = new int[4];
  private int used;
  private boolean hasZero;

  /** Adds {@code v}; true when it was not a member yet. */
  boolean add(int v) {
    if (v == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    int mask = table.length - 1;
    int s = Hashes.mix(v) & mask;
    for (int t = table[s]; t != 0; t = table[s]) {
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

  boolean contains(int v) {
    if (v == 0) {
      return hasZero;
    }
    int mask = table.length - 1;
    int s = Hashes.mix(v) & mask;
    for (int t = table[s]; t != 0; t = table[s]) {
      if (t == v) {
        return true;
      }
      s = (s + 1) & mask;
    }
    return false;
  }

  int size() {
    return used + (hasZero ? 1 : 0);
  }

  /** Writes the members, for {@link GroupSpill}. */
  void write(DataOutput out) throws IOException {
    out.writeInt(size());
    if (hasZero) {
      out.writeInt(0);
    }
    for (int v : table) {
      if (v != 0) {
        out.writeInt(v);
      }
    }
  }

  /** Adds the members {@link #write} wrote. */
  void read(DataInput in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      add(in.readInt());
    }
  }

  private void rehash(int length) {
    int[] old = table;
    table = new int[length];
    int mask = length - 1;
    for (int v : old) {
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
