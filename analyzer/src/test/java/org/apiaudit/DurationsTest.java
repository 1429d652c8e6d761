package org.apiaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsEveryUnit() {
    assertEquals(90_000L, Durations.parseMillis("90s"));
    assertEquals(300_000L, Durations.parseMillis("5m"));
    assertEquals(3_600_000L, Durations.parseMillis(" 1h "));
    assertEquals(180 * 86_400_000L, Durations.parseMillis("180d"));
    assertEquals(14 * 86_400_000L, Durations.parseTimespan("2w"));
  }

  @Test
  void optionsAndTimespansAcceptTheSameText() {
    for (String text : new String[] {"30s", "5m", "1h", "1d", "1w"}) {
      assertEquals(Durations.parseMillis(text), Durations.parseTimespan(text), text);
    }
  }

  @Test
  void rejectsWhatIsNotAPositiveNumberAndAUnit() {
    for (String text : new String[] {"", "s", "5", "0m", "-5m", "5x", "1.5h", "99999999999999999d"}) {
      UserException user = assertThrows(UserException.class, () -> Durations.parseMillis(text), text);
      assertEquals("expected a duration such as 30s, 5m, 1h or 180d; got: " + text, user.getMessage());
      assertEquals(ExitCodes.USAGE, user.exitCode());
      IllegalArgumentException rule = assertThrows(IllegalArgumentException.class, () -> Durations.parseTimespan(text), text);
      assertEquals("expected a timespan such as 30s, 5m, 1h or 1d; got: " + text, rule.getMessage());
    }
  }
}
