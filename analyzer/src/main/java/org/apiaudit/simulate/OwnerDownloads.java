package org.apiaudit.simulate;

import java.util.Arrays;

/**
 * The reference ids citizens downloaded in their own OTP sessions. A certificate carries no
 * mobile, so the logs tie a certificate an attacker read by reference id to its owner's mobile
 * only when the owner's token (issued for that mobile) downloaded the same id in the window.
 *
 * <p>This is the one part of the ground truth that grows with benign traffic (8 bytes a
 * download), so it is kept only in runs with an attack scenario; otherwise {@link #add} drops
 * everything and memory stays independent of the scale.
 */
final class OwnerDownloads {
  private final boolean kept;
  private long[] references = new long[0];
  private int size;
  private boolean sorted = true;

  OwnerDownloads(boolean kept) {
    this.kept = kept;
  }

  void add(long reference) {
    if (!kept) {
      return;
    }
    if (size == references.length) {
      references = Arrays.copyOf(references, Math.max(1024, size * 2));
    }
    references[size++] = reference;
    sorted = false;
  }

  boolean contains(long reference) {
    if (!sorted) {
      Arrays.sort(references, 0, size);
      sorted = true;
    }
    return Arrays.binarySearch(references, 0, size, reference) >= 0;
  }
}
