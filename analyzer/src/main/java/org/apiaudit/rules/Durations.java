package org.apiaudit.rules;

/** Sigma timespans: a number and a unit, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} (also {@code 1w}). */
public final class Durations {
  private Durations() {}

  /** Milliseconds of {@code text}; IllegalArgumentException with the expected form otherwise. */
  public static long parseMillis(String text) {
    String s = text.trim();
    if (s.length() < 2) {
      throw new IllegalArgumentException("expected a timespan such as 30s, 5m, 1h or 1d; got: " + text);
    }
    long unit;
    switch (s.charAt(s.length() - 1)) {
      case 's': unit = 1_000L; break;
      case 'm': unit = 60_000L; break;
      case 'h': unit = 3_600_000L; break;
      case 'd': unit = 86_400_000L; break;
      case 'w': unit = 7 * 86_400_000L; break;
      default:
        throw new IllegalArgumentException("expected a timespan such as 30s, 5m, 1h or 1d; got: " + text);
    }
    try {
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a timespan such as 30s, 5m, 1h or 1d; got: " + text);
    }
  }
}
