package org.apiaudit.simulate;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The scenarios {@code --scenario} can inject, with the ground-truth class of their actors and
 * their defaults. Subject counts per intensity are the number of distinct subjects (mobiles or
 * reference ids) the attack touches; {@code subjects=N} overrides them.
 */
public enum ScenarioKind {
  /** One citizen login enumerating certificates by reference id (H1). */
  BOLA("bola", TruthClass.SCRAPING, new int[] {300, 1500, 5000}, Duration.ofHours(3)),
  /** A real vaccinator id used at night from a new IP and client (H2, the 2023 case). */
  VACCINATOR_MISUSE(
      "vaccinator-misuse", TruthClass.CREDENTIAL_MISUSE, new int[] {1000, 3000, 8000},
      Duration.ofHours(5)),
  /** A white-listed partner's lookup API used far above baseline from a new IP (H1/H2). */
  PARTNER_ABUSE(
      "partner-abuse", TruthClass.CREDENTIAL_MISUSE, new int[] {1500, 5000, 15000},
      Duration.ofHours(6)),
  /** generateOTP for many mobiles from one /24, few confirmed (probing). */
  OTP_FLOOD("otp-flood", TruthClass.SCRAPING, new int[] {500, 2000, 8000}, Duration.ofHours(2)),
  /** Low-and-slow scraping by rotating IPs and a farm of SIM logins (H1). */
  DISTRIBUTED(
      "distributed", TruthClass.SCRAPING, new int[] {2000, 8000, 25000}, Duration.ofHours(24)),
  /** Busy benign look-alikes only: nothing to find. */
  CLEAN("clean", TruthClass.NO_SIGN, new int[] {0, 0, 0}, Duration.ZERO);

  private final String cliName;
  private final TruthClass truthClass;
  private final int[] subjectsByIntensity;
  private final Duration defaultDuration;

  ScenarioKind(String cliName, TruthClass truthClass, int[] subjects, Duration duration) {
    this.cliName = cliName;
    this.truthClass = truthClass;
    this.subjectsByIntensity = subjects;
    this.defaultDuration = duration;
  }

  public String cliName() {
    return cliName;
  }

  /** The class the scenario's actors have in the ground truth. */
  public TruthClass truthClass() {
    return truthClass;
  }

  int subjects(Intensity intensity) {
    return subjectsByIntensity[intensity.ordinal()];
  }

  /**
   * The default window for a run of {@code days} days starting {@code firstDay}: attacks that
   * the incident places at night (vaccinator misuse, partner abuse) start at night, and every
   * default fits inside the run.
   */
  Window defaultWindow(LocalDate firstDay, int days) {
    LocalDateTime day0 = firstDay.atStartOfDay();
    switch (this) {
      case CLEAN:
        return new Window(day0, Duration.ofDays(days));
      case VACCINATOR_MISUSE:
        return days >= 2
            ? new Window(day0.plusDays(Math.min(1, days - 2)).plusHours(22), defaultDuration)
            : new Window(day0.plusMinutes(30), defaultDuration);
      case PARTNER_ABUSE:
        return new Window(day0.plusDays(Math.min(2, days - 1)).plusHours(1), defaultDuration);
      case OTP_FLOOD:
        return new Window(day0.plusDays(Math.min(2, days - 1)).plusHours(15), defaultDuration);
      case DISTRIBUTED:
        return days >= 2
            ? new Window(day0.plusHours(12), defaultDuration)
            : new Window(day0.plusHours(4), Duration.ofHours(18));
      case BOLA:
      default:
        return new Window(day0.plusDays(Math.min(1, days - 1)).plusHours(10), defaultDuration);
    }
  }

  Duration defaultDuration() {
    return defaultDuration;
  }

  /** Parses a command-line name; the error lists the accepted names. */
  public static ScenarioKind fromCliName(String name) {
    for (ScenarioKind k : values()) {
      if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "scenario must be one of bola, vaccinator-misuse, partner-abuse, otp-flood, distributed,"
            + " clean; got: " + name);
  }

  /** A start time (IST wall clock) and a length. */
  record Window(LocalDateTime start, Duration duration) {}
}
