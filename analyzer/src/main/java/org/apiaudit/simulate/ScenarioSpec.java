package org.apiaudit.simulate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One {@code --scenario} value: {@code NAME[:key=value[,key=value...]]} with keys
 * {@code intensity=low|medium|high}, {@code start=2023-06-08T22:00} (IST), {@code
 * duration=5h|90m|2d|PT5H}, {@code stealth=true|false} and {@code subjects=N}. Unset keys are
 * {@code null} until {@link #resolve} fills the scenario's defaults for the run.
 *
 * @param kind which scenario
 * @param intensity picks the subject count when {@code subjects} is not given
 * @param start first request of the attack, IST wall clock
 * @param duration how long the attack runs
 * @param stealth spoofed browser user agents, jittered cadence, more addresses
 * @param subjects distinct subjects the attack touches
 */
public record ScenarioSpec(
    ScenarioKind kind,
    Intensity intensity,
    LocalDateTime start,
    Duration duration,
    boolean stealth,
    Integer subjects) {

  /** The syntax, for help texts and error messages. */
  public static final String SYNTAX =
      "NAME[:intensity=low|medium|high,start=YYYY-MM-DDTHH:MM,duration=5h,stealth=true,"
          + "subjects=N]";

  /**
   * Parses one {@code --scenario} value.
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public static ScenarioSpec parse(String text) {
    int colon = text.indexOf(':');
    ScenarioKind kind = ScenarioKind.fromCliName(colon < 0 ? text : text.substring(0, colon));
    Intensity intensity = null;
    LocalDateTime start = null;
    Duration duration = null;
    boolean stealth = false;
    Integer subjects = null;
    if (colon >= 0) {
      for (String pair : text.substring(colon + 1).split(",")) {
        int eq = pair.indexOf('=');
        String key = (eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "true" : pair.substring(eq + 1).trim();
        switch (key) {
          case "intensity":
            intensity = parseIntensity(value);
            break;
          case "start":
            start = parseStart(value);
            break;
          case "duration":
            duration = parseDuration(value);
            break;
          case "stealth":
            stealth = parseBoolean(value);
            break;
          case "subjects":
            subjects = parseSubjects(value);
            break;
          default:
            throw new IllegalArgumentException(
                "scenario key must be one of intensity, start, duration, stealth, subjects; got: "
                    + key + " in " + text);
        }
      }
    }
    return new ScenarioSpec(kind, intensity, start, duration, stealth, subjects);
  }

  /**
   * Fills unset values with the scenario's defaults for a run of {@code days} days from {@code
   * firstDay} and checks that the window lies inside the run.
   *
   * @throws IllegalArgumentException when the window does not fit
   */
  ScenarioSpec resolve(LocalDate firstDay, int days) {
    ScenarioKind.Window window = kind.defaultWindow(firstDay, days);
    Intensity i = intensity == null ? Intensity.MEDIUM : intensity;
    LocalDateTime s = start == null ? window.start() : start;
    Duration d = duration == null ? (start == null ? window.duration() : kind.defaultDuration())
        : duration;
    if (kind == ScenarioKind.CLEAN) {
      s = window.start();
      d = window.duration();
    }
    int n = subjects == null ? kind.subjects(i) : subjects;
    LocalDateTime runEnd = firstDay.plusDays(days).atStartOfDay();
    if (s.isBefore(firstDay.atStartOfDay()) || s.plus(d).isAfter(runEnd)) {
      throw new IllegalArgumentException(
          "scenario " + kind.cliName() + " must run inside the simulated period "
              + firstDay.atStartOfDay() + " to " + runEnd + "; got: " + s + " to " + s.plus(d));
    }
    return new ScenarioSpec(kind, i, s, d, stealth, n);
  }

  private static Intensity parseIntensity(String value) {
    try {
      return Intensity.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "intensity must be one of low, medium, high; got: " + value, e);
    }
  }

  private static LocalDateTime parseStart(String value) {
    try {
      return LocalDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "start must be an IST date and time like 2023-06-08T22:00; got: " + value, e);
    }
  }

  /** Accepts {@code 90m}, {@code 5h}, {@code 2d}, {@code 30s} or ISO-8601 {@code PT5H}. */
  static Duration parseDuration(String value) {
    try {
      if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
        return positive(Duration.parse(value), value);
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      switch (value.charAt(value.length() - 1)) {
        case 's':
          return positive(Duration.ofSeconds(amount), value);
        case 'm':
          return positive(Duration.ofMinutes(amount), value);
        case 'h':
          return positive(Duration.ofHours(amount), value);
        case 'd':
          return positive(Duration.ofDays(amount), value);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // fall through to the uniform message below
    }
    throw new IllegalArgumentException(
        "duration must be a positive amount like 90m, 5h, 2d or PT5H; got: " + value);
  }

  private static Duration positive(Duration d, String value) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("not positive: " + value);
    }
    return d;
  }

  private static boolean parseBoolean(String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("stealth must be true or false; got: " + value);
  }

  private static int parseSubjects(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 10_000_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(
        "subjects must be a whole number from 1 to 10000000; got: " + value);
  }

  @Override
  public String toString() {
    return kind.cliName() + ":intensity=" + (intensity == null ? "" : intensity.name()
        .toLowerCase(Locale.ROOT)) + ",start=" + start + ",duration=" + duration + ",stealth="
        + stealth + ",subjects=" + subjects;
  }
}
