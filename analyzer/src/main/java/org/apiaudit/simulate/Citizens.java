package org.apiaudit.simulate;

import java.util.SplittableRandom;

/**
 * The registered citizens, computed rather than stored: citizen {@code i}'s mobile, family size
 * and reference ids are pure functions of {@code i} and the seed, so a population of hundreds of
 * millions costs no memory.
 *
 * <p>Reference ids are allocated in registration order, seven slots per family: members use
 * slots 0-5 and slot 6 is never used. An enumeration walking ids in order therefore hits runs
 * of existing ids separated by gaps (404s), as a real sequential walk would, and a mistyped id
 * ({@link #typoReference}) is guaranteed not to exist.
 */
final class Citizens {
  /** The first reference id; 14 digits like the real ones. */
  static final long REFERENCE_BASE = 48_213_000_000_000L;
  static final int SLOTS_PER_FAMILY = 7;
  static final int MAX_FAMILY = 6;

  /** Mobiles are 10 digits starting 6-9: {@code MOBILE_BASE + (0..MOBILE_RANGE-1)}. */
  private static final long MOBILE_BASE = 6_000_000_000L;
  private static final long MOBILE_RANGE = 4_000_000_000L;
  /** Coprime with 4e9 (= 2^11 * 5^9) so that index → mobile is a bijection, and small enough
   * that {@code i * MULTIPLIER} cannot overflow. */
  private static final long MULTIPLIER = 387_420_489L;

  private final long count;
  private final long mobileOffset;
  private final long hashSeed;

  Citizens(long count, long seed) {
    if (count < 1 || count > MOBILE_RANGE / 2) {
      throw new IllegalArgumentException("citizen count out of range: " + count);
    }
    this.count = count;
    this.mobileOffset = Math.floorMod(Mixer.mix64(seed ^ 0x6d6f62696c65L), MOBILE_RANGE);
    this.hashSeed = Mixer.mix64(seed ^ 0x66616d696c79L);
  }

  long count() {
    return count;
  }

  long randomCitizen(SplittableRandom rng) {
    return rng.nextLong(count);
  }

  /** The mobile a citizen registered with. Distinct citizens have distinct mobiles. */
  long mobile(long citizen) {
    return MOBILE_BASE + (citizen * MULTIPLIER + mobileOffset) % MOBILE_RANGE;
  }

  /** A syntactically valid mobile that no citizen registered: lookups of it answer 404. */
  long unregisteredMobile(SplittableRandom rng) {
    return mobile(count + rng.nextLong(MOBILE_RANGE - count));
  }

  /** 1 to 6 people: 25% 1, 25% 2, 20% 3, 15% 4, 10% 5, 5% 6. */
  int familySize(long citizen) {
    int bucket = (int) Long.remainderUnsigned(hash(citizen), 100);
    if (bucket < 25) {
      return 1;
    } else if (bucket < 50) {
      return 2;
    } else if (bucket < 70) {
      return 3;
    } else if (bucket < 85) {
      return 4;
    } else if (bucket < 95) {
      return 5;
    }
    return 6;
  }

  /**
   * True for the third of citizens who visit a vaccination centre or use a partner app in the
   * simulated period: only they are searched by vaccinators and looked up by partners. The others
   * are touched only by their own OTP sessions (or an attacker), which is what lets a leak sample
   * be drawn whose numbers no one but their owners accessed.
   */
  boolean seenByThirdParties(long citizen) {
    return Long.remainderUnsigned(hash(citizen) >>> 17, 3) == 0;
  }

  long reference(long citizen, int member) {
    return REFERENCE_BASE + citizen * SLOTS_PER_FAMILY + member;
  }

  /** The unused slot after a family's ids: what a one-digit slip on the last member gives. */
  long typoReference(long citizen) {
    return REFERENCE_BASE + citizen * SLOTS_PER_FAMILY + MAX_FAMILY;
  }

  /** The citizen a reference id belongs to, or -1 when no certificate has that id. */
  long ownerOfReference(long reference) {
    long offset = reference - REFERENCE_BASE;
    if (offset < 0) {
      return -1;
    }
    long citizen = offset / SLOTS_PER_FAMILY;
    int member = (int) (offset % SLOTS_PER_FAMILY);
    if (citizen >= count || member >= familySize(citizen)) {
      return -1;
    }
    return citizen;
  }

  /** One past the highest id that could exist: random enumeration draws below it. */
  long referenceLimit() {
    return REFERENCE_BASE + count * SLOTS_PER_FAMILY;
  }

  private long hash(long citizen) {
    return Mixer.mix64(hashSeed + citizen * 0x9E3779B97F4A7C15L);
  }
}
