package org.apiaudit;

/**
 * The one reading of the short durations people type: a positive whole number and a unit,
 * {@code s}, {@code m}, {@code h}, {@code d} or {@code w} ({@code 90s}, {@code 5m}, {@code 1h},
 * {@code 180d}, {@code 1w}). Options and configuration use {@link #parseMillis}; Sigma timespans
 * and rule tests use {@link #parseTimespan}, whose error the rule loader places at the YAML key.
 */
public final class Durations {
  private Durations() {}

  /** Milliseconds of {@code text}; a {@link UserException} naming the expected form otherwise. */
  public static long parseMillis(String text) {
    long ms = millis(text);
    if (ms < 0) {
      throw new UserException("expected a duration such as 30s, 5m, 1h or 180d; got: " + text);
    }
    return ms;
  }

  /** Milliseconds of a Sigma {@code timespan}; an IllegalArgumentException naming the expected form otherwise. */
  public static long parseTimespan(String text) {
    long ms = millis(text);
    if (ms < 0) {
      throw new IllegalArgumentException("expected a timespan such as 30s, 5m, 1h or 1d; got: " + text);
    }
    return ms;
  }

  /** Milliseconds, or -1 when {@code text} is not a positive number and a unit, or overflows. */
  private static long millis(String text) {
    String s = text.trim();
    if (s.length() < 2) {
      return -1;
    }
    long factor = switch (s.charAt(s.length() - 1)) {
      case 's' -> 1_000L;
      case 'm' -> 60_000L;
      case 'h' -> 3_600_000L;
      case 'd' -> 86_400_000L;
      case 'w' -> 7 * 86_400_000L;
      default -> -1L;
    };
    if (factor < 0) {
      return -1;
    }
    try {
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      return n > 0 ? Math.multiplyExact(n, factor) : -1;
    } catch (NumberFormatException | ArithmeticException e) {
      return -1;
    }
  }
}
