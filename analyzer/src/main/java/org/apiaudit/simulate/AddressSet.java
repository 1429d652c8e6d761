package org.apiaudit.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of IPv4 addresses held as ints in one open-addressing array: adding an address already
 * present allocates nothing, so the simulator can record the client address of every request
 * of its hot loop. About 8 bytes per address (the array is kept at most half full): the 180,000
 * distinct addresses of a benchmark-size week take under 2 MB.
 */
final class AddressSet {
  private static final int EMPTY = 0;

  private int[] slots = new int[64];
  private int size;
  /** 0.0.0.0 cannot live in the table, where 0 marks an empty slot. */
  private boolean hasZero;

  void add(int address) {
    if (address == EMPTY) {
      if (!hasZero) {
        hasZero = true;
        size++;
      }
      return;
    }
    int mask = slots.length - 1;
    int i = (int) Mixer.mix32(address) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == address) {
        return;
      }
      i = (i + 1) & mask;
    }
    slots[i] = address;
    if (++size * 2 > slots.length) {
      grow();
    }
  }

  int size() {
    return size;
  }

  /** The addresses in numeric order (0.0.0.0 first, 255.255.255.255 last), dotted. */
  List<String> sorted() {
    long[] values = new long[size];
    int n = 0;
    if (hasZero) {
      values[n++] = 0;
    }
    for (int s : slots) {
      if (s != EMPTY) {
        values[n++] = s & 0xffff_ffffL;
      }
    }
    Arrays.sort(values, 0, n);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(AddressSpace.format((int) values[i]));
    }
    return out;
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    int mask = slots.length - 1;
    for (int s : old) {
      if (s != EMPTY) {
        int i = (int) Mixer.mix32(s) & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }
}
