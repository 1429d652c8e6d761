package org.apiaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;

class ScenarioSpecTest {
  private static final LocalDate DAY = LocalDate.of(2023, 6, 6);

  @Test
  void parsesEveryKey() {
    ScenarioSpec s = ScenarioSpec.parse(
        "vaccinator-misuse:intensity=high,start=2023-06-08T22:00,duration=5h,stealth,subjects=42");
    assertEquals(new ScenarioSpec(ScenarioKind.VACCINATOR_MISUSE, Intensity.HIGH,
        LocalDateTime.of(2023, 6, 8, 22, 0), Duration.ofHours(5), true, 42), s);
  }

  @Test
  void resolvesDefaultsFromIntensityAndPutsMisuseAtNight() {
    ScenarioSpec s = ScenarioSpec.parse("vaccinator-misuse:intensity=low").resolve(DAY, 3);
    assertEquals(1000, s.subjects());
    assertEquals(LocalDateTime.of(2023, 6, 7, 22, 0), s.start());
    assertEquals(Duration.ofHours(5), s.duration());
  }

  @Test
  void rejectsUnknownKeyNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScenarioSpec.parse("bola:speed=3"));
    assertEquals("scenario key must be one of intensity, start, duration, stealth, subjects;"
        + " got: speed in bola:speed=3", e.getMessage());
  }

  @Test
  void rejectsUnknownScenario() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScenarioSpec.parse("ddos"));
    assertEquals("scenario must be one of bola, vaccinator-misuse, partner-abuse, otp-flood,"
        + " distributed, clean; got: ddos", e.getMessage());
  }

  @Test
  void rejectsBadDuration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScenarioSpec.parse("bola:duration=-3h"));
    assertEquals("duration must be a positive amount like 90m, 5h, 2d or PT5H; got: -3h",
        e.getMessage());
  }

  @Test
  void configRejectsWindowOutsideTheRun() {
    UserException e = assertThrows(UserException.class, () -> SimulationConfig.builder()
        .outputDirectory(Path.of("x")).days(1)
        .scenarios(List.of(ScenarioSpec.parse("bola:start=2023-06-06T23:00,duration=2h")))
        .build());
    assertEquals("--scenario: scenario bola must run inside the simulated period"
        + " 2023-06-06T00:00 to 2023-06-07T00:00; got: 2023-06-06T23:00 to 2023-06-07T01:00",
        e.getMessage());
  }

  @Test
  void configRejectsMoreDayFormatsThanDays() {
    UserException e = assertThrows(UserException.class, () -> SimulationConfig.builder()
        .outputDirectory(Path.of("x")).days(1)
        .formatByDay(List.of(DayFormat.parse("json"), DayFormat.parse("csv"))).build());
    assertEquals("--format-by-day lists 2 formats for 1 days; give at most one per day",
        e.getMessage());
  }

  @Test
  void eventsOptionSetsTheScale() {
    SimulationConfig c = SimulationConfig.builder().outputDirectory(Path.of("x")).days(2)
        .targetEvents(4_000_000L).build();
    assertEquals(2.0, c.scale(), 1e-9);
  }
}
