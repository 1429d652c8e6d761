package org.apiaudit.detect.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings;
import org.junit.jupiter.api.Test;

/** How sure "no sign" is follows from what the logs cover, as the named constants say. */
class CaseConcluderTest {
  private static final long WEEK = 7 * 24 * 3_600_000L;

  private static CaseFindings.Coverage coverage(Map<String, Long> channels) {
    return new CaseFindings.Coverage(0, WEEK, 1000, 100, channels, List.of(), List.of(), 1, List.of());
  }

  private static final Map<String, Long> ALL_CHANNELS = Map.of("citizen", 10L, "vaccinator", 5L, "partner", 1L);

  @Test
  void aFullWeekOfEveryChannelWithNoOpenActorGivesNinetyFive() {
    assertEquals(0.95, CaseConcluder.absenceConfidence(coverage(ALL_CHANNELS), 0, WEEK, 0), 1e-9);
  }

  @Test
  void aMissingDayAndAMissingChannelLowerItInProportion() {
    double oneDayMissing = CaseConcluder.absenceConfidence(coverage(ALL_CHANNELS), WEEK / 7, WEEK, 0);
    assertEquals(CaseConcluder.LOOKED + CaseConcluder.FULL_COVERAGE * 6 / 7, oneDayMissing, 1e-9);
    double noPartner = CaseConcluder.absenceConfidence(coverage(Map.of("citizen", 10L, "vaccinator", 5L)), 0, WEEK, 0);
    assertEquals(CaseConcluder.LOOKED + CaseConcluder.FULL_COVERAGE * 2 / 3, noPartner, 1e-9);
  }

  @Test
  void eachOpenActorTakesItsShareButNeverBelowTheIncompleteFloor() {
    assertEquals(0.95 - 2 * CaseConcluder.PER_OPEN_ACTOR,
        CaseConcluder.absenceConfidence(coverage(ALL_CHANNELS), 0, WEEK, 2), 1e-9);
    assertEquals(CaseConcluder.INCOMPLETE, CaseConcluder.absenceConfidence(coverage(ALL_CHANNELS), 0, WEEK, 40), 1e-9);
  }
}
