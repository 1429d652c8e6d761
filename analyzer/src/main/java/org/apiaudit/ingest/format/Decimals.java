package org.apiaudit.ingest.format;

/**
 * Reads unsigned decimal numbers from a character range without allocating.
 *
 * <p>Logs write durations and epoch times as decimals in several units ({@code $request_time}
 * in seconds with millisecond resolution, Caddy's {@code ts} with seven fraction digits, IIS
 * {@code time-taken} in whole milliseconds). {@link #scaled} multiplies by a power of ten while
 * reading the digits, so no {@code double} rounding can turn {@code 0.087} into 86 ms.
 * Digits beyond the target precision are truncated.
 */
final class Decimals {
  /** Returned for a malformed number (same marker as an unset field). */
  static final long INVALID = Long.MIN_VALUE;

  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
    1_000_000_000L, 10_000_000_000L
  };

  private Decimals() {}

  /** The unsigned integer filling [from, to), or {@link #INVALID} (no sign, at most 18 digits). */
  static long integer(CharSequence s, int from, int to) {
    if (from >= to || to - from > 18) {
      return INVALID;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return INVALID;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * The unsigned decimal filling [from, to) times 10^{@code shift} ({@code shift} from -10 to
   * 10), truncated toward zero; {@link #INVALID} if malformed. {@code "0.087"} with shift 3 is
   * 87; {@code "40356"} with shift -6 is 0.
   */
  static long scaled(CharSequence s, int from, int to, int shift) {
    if (from >= to) {
      return INVALID;
    }
    long v = 0;
    int intDigits = 0;
    int i = from;
    for (; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        break;
      }
      if (++intDigits > 18) {
        return INVALID;
      }
      v = v * 10 + d;
    }
    int fracKept = 0;
    if (i < to) {
      if (s.charAt(i) != '.' || i == to - 1) {
        return INVALID;
      }
      for (i++; i < to; i++) {
        int d = s.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return INVALID;
        }
        if (fracKept < shift) {
          v = v * 10 + d;
          fracKept++;
        }
      }
    }
    if (intDigits == 0 && fracKept == 0 && i == from) {
      return INVALID;
    }
    int remaining = shift - fracKept;
    if (remaining >= 0) {
      if (remaining > 10 || v > Long.MAX_VALUE / POW10[remaining]) {
        return INVALID;
      }
      return v * POW10[remaining];
    }
    return -remaining > 10 ? 0 : v / POW10[-remaining];
  }
}
