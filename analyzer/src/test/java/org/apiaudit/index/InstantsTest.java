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
}
