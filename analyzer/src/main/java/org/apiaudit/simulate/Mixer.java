package org.apiaudit.simulate;

/**
 * Bijective bit mixers. They turn counters into identifiers that look random (request ids,
 * token ids) yet never repeat, which a random draw could not promise over billions of events.
 */
final class Mixer {
  private static final long MASK_48 = (1L << 48) - 1;

  private Mixer() {}

  /** SplitMix64's finaliser: a bijection on 64 bits. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A bijection on the low 48 bits: counter → 12-hex-digit request id. */
  static long mix48(long counter) {
    long z = (counter * 0x9E3779B97F4A7C15L) & MASK_48;
    z ^= z >>> 23;
    z = (z * 0x2545F4914F6CDD1DL) & MASK_48;
    return z ^ (z >>> 19);
  }

  /** A bijection on 32 bits: counter → 8-hex-digit token id. */
  static long mix32(long counter) {
    long z = (counter * 0x9E3779B1L) & 0xffffffffL;
    z ^= z >>> 16;
    z = (z * 0x85EBCA6BL) & 0xffffffffL;
    return z ^ (z >>> 13);
  }
}
