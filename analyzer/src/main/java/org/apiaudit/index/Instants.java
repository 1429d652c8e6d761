package org.apiaudit.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apiaudit.UserException;

/**
 * Parses the instants a user types ({@code --from}, {@code --to}, time ranges in queries):
 * ISO-8601 with or without offset (UTC when absent), a bare date, or epoch milliseconds.
 * Not for the ingest hot path, which has its own hand-written parsers.
 */
public final class Instants {
  private Instants() {}

  /** Epoch milliseconds of {@code text}; a time or date without a zone is read as UTC. */
  public static long parse(String text) {
    return parse(text, ZoneOffset.UTC);
  }

  /** Epoch milliseconds of {@code text}; a time or date without a zone is read in {@code zone}. */
  public static long parse(String text, ZoneId zone) {
    String s = text.trim();
    if (s.equals("*")) {
      throw new UserException("open bound '*' is only allowed in ranges");
    }
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() > 8) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException tooLong) {
        throw notATime(text);
      }
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw notATime(text);
    }
  }

  private static UserException notATime(String text) {
    return new UserException("expected an ISO-8601 time such as 2023-06-10T14:22:01+05:30,"
        + " a date such as 2023-06-10, or epoch milliseconds; got: " + text);
  }

  /**
   * ISO-8601 with exactly three fraction digits and the offset, e.g.
   * {@code 2023-06-10T11:00:00.000+05:30}: the one shape of every time a command prints for
   * programs (a varying number of fraction digits sorts wrongly as text).
   */
  public static java.time.format.DateTimeFormatter isoMillis(ZoneId zone) {
    return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", java.util.Locale.ROOT)
        .withZone(zone);
  }

  /** ISO-8601 UTC text of epoch milliseconds, e.g. {@code 2023-06-10T08:52:01.123Z}. */
  public static String format(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
