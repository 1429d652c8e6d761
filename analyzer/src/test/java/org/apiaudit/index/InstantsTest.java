package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** --from/--to without a zone are read in the command's --tz; with one, the zone given wins. */
class InstantsTest {
  private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

  @Test
  void zoneLessTimesAndDatesAreReadInTheZoneGiven() {
    assertEquals(Instants.parse("2023-06-08T16:30:00Z"), Instants.parse("2023-06-08T22:00", IST));
    assertEquals(Instants.parse("2023-06-07T18:30:00Z"), Instants.parse("2023-06-08", IST));
    assertEquals(Instants.parse("2023-06-08T22:00:00Z"), Instants.parse("2023-06-08T22:00"), "UTC by default");
  }

  @Test
  void anExplicitZoneWinsOverTheDefault() {
    assertEquals(Instants.parse("2023-06-08T22:00:00Z"), Instants.parse("2023-06-08T22:00Z", IST));
    assertEquals(Instants.parse("2023-06-08T16:30:00Z"), Instants.parse("2023-06-08T22:00+05:30", ZoneId.of("UTC")));
  }

  @Test
  void longDigitRunsAreEpochMillisAndShortOnesAreNot() {
    assertEquals(1_686_387_121_123L, Instants.parse("1686387121123"));
    assertEquals(Instants.parse("2023-06-10"), Instants.parse(" 2023-06-10 "), "surrounding blanks ignored");
    assertEquals("expected an ISO-8601 time such as 2023-06-10T14:22:01+05:30, a date such as 2023-06-10, or epoch"
        + " milliseconds; got: 20230610", org.junit.jupiter.api.Assertions.assertThrows(
            org.apiaudit.UserException.class, () -> Instants.parse("20230610")).getMessage());
    assertEquals("expected an ISO-8601 time such as 2023-06-10T14:22:01+05:30, a date such as 2023-06-10, or epoch"
        + " milliseconds; got: 99999999999999999999", org.junit.jupiter.api.Assertions.assertThrows(
            org.apiaudit.UserException.class, () -> Instants.parse("99999999999999999999")).getMessage(),
        "too many digits for a long: a user error, not a NumberFormatException");
  }

  @Test
  void anOpenBoundIsRefusedOutsideRanges() {
    assertEquals("open bound '*' is only allowed in ranges", org.junit.jupiter.api.Assertions.assertThrows(
        org.apiaudit.UserException.class, () -> Instants.parse("*")).getMessage());
  }

  @Test
  void printedTimesHaveMillisecondsAndTheOffset() {
    long t = Instants.parse("2023-06-10T08:52:01Z");
    assertEquals("2023-06-10T14:22:01.000+05:30", Instants.isoMillis(IST).format(java.time.Instant.ofEpochMilli(t)));
    assertEquals("2023-06-10T08:52:01.000Z", Instants.isoMillis(ZoneId.of("UTC")).format(java.time.Instant.ofEpochMilli(t)));
    assertEquals("2023-06-10T08:52:01.123Z", Instants.format(t + 123));
  }
}
