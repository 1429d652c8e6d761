package org.apiaudit.detect.memory;

/**
 * The hash of the primitive hash tables here: MurmurHash3's 64-bit finaliser, so every key bit
 * reaches the low bits that pick a slot (group keys pack two ordinals in one long; a plain
 * {@code Long.hashCode} would collide every pair with the same XOR).
 */
final class Hashes {
  private Hashes() {}

  static int mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
