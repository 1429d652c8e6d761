package org.apiaudit.detect.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.CorrelationType;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.Test;

/** The registry has one line per correlation type, and each type declares the look-back it needs. */
class CorrelationsTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  @Test
  void everyCorrelationTypeHasExactlyOneLine() {
    EnumSet<CorrelationType> covered = EnumSet.noneOf(CorrelationType.class);
    for (CorrelationType t : CorrelationType.values()) {
      covered.add(t);
      assertEquals(t.name(), Correlations.of(t).name(), "the line of " + t.sigmaName());
    }
    assertEquals(CorrelationType.values().length, Correlations.values().length,
        "lines " + Arrays.toString(Correlations.values()));
    assertEquals(EnumSet.allOf(CorrelationType.class), covered);
  }

  /**
   * Shipped rules of each kind: a baseline reaches back its earlier periods and the day itself, a
   * novelty rule its history, a cadence rule its {@code max-gap} (default 1h), a windowed rule its
   * timespan; a walk's integer {@code max-gap} (identifier offsets) is no duration and adds nothing.
   */
  @Test
  void lookBackOfShippedRulesIsWhatTheirTypeDeclares() {
    RuleSet rules = new RuleLoader().load(Path.of(System.getProperty("project.root", "..")).resolve("rules"));
    Map<String, Long> expected = new TreeMap<>(Map.of(
        "3ccd3fb4-0f4f-45d8-a5e9-ae2c7689763a", 3 * DAY, // baseline: period 1d, min-history 2
        "8e586f12-c252-4190-979b-27396ce43c60", DAY, // novelty: history 1d
        "f49b17dd-bf0c-4caf-8cbe-07c795fa35a8", 30 * MINUTE, // cadence: max-gap 30m
        "643baa59-85c6-4bee-9cf0-a7d174eb6b3c", HOUR, // cadence: default max-gap
        "7cf8b729-4fbe-4811-b2ef-88fd24ec2125", 0L, // walk over the whole window
        "a51eaf60-1208-4f33-ade2-afdf4259444f", DAY, // walk per 1d window
        "0eba8d42-cdd4-46e4-b34d-7be3d9a8ecf3", 0L, // night share
        "e754aa4e-0c1f-4625-8362-80da211b634a", HOUR)); // event_count per 1h
    Map<String, Long> actual = new TreeMap<>();
    for (CorrelationRule c : rules.correlations()) {
      if (expected.containsKey(c.id())) {
        actual.put(c.id(), Correlations.lookBackMs(c));
      }
    }
    assertEquals(expected, actual);
  }
}
