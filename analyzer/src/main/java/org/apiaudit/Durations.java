package org.apiaudit;

/** Parses the short durations users type: {@code 90s}, {@code 5m}, {@code 1h}, {@code 180d}. */
public final class Durations {
  private Durations() {}

  /** Milliseconds of {@code text}; a clear error for anything else. */
  public static long parseMillis(String text) {
    String s = text.trim();
    if (s.length() >= 2) {
      char unit = s.charAt(s.length() - 1);
      long factor = switch (unit) {
        case 's' -> 1_000L;
        case 'm' -> 60_000L;
        case 'h' -> 3_600_000L;
        case 'd' -> 86_400_000L;
        default -> -1L;
      };
      if (factor > 0) {
        try {
          long n = Long.parseLong(s.substring(0, s.length() - 1));
          if (n > 0) {
            return Math.multiplyExact(n, factor);
          }
        } catch (NumberFormatException | ArithmeticException ignored) {
          // fall through to the error
        }
      }
    }
    throw new UserException("expected a duration such as 30s, 5m, 1h or 180d; got: " + text);
  }
}
