package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words rules are written in: modifiers, correlation types, levels, spelled as Sigma spells them. */
class RuleVocabularyTest {
  @Test
  void modifiersAreFoundByTheirExactLowerCaseName() {
    assertEquals(Modifier.CONTAINS, Modifier.of("contains"));
    assertEquals(Modifier.BASE64OFFSET, Modifier.of("base64offset"));
    assertNull(Modifier.of("CONTAINS"));
    assertNull(Modifier.of("windash"));
    assertEquals("fieldref", Modifier.FIELDREF.sigmaName());
  }

  @Test
  void onlyIMAndSAreRegexFlagsAndOnlyTimeModifiersTakeATimePart() {
    for (Modifier m : Modifier.values()) {
      assertEquals(m == Modifier.I || m == Modifier.M || m == Modifier.S, m.isRegexFlag(), m.sigmaName());
    }
    assertEquals(ChronoField.HOUR_OF_DAY, Modifier.HOUR.timePart());
    assertEquals(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Modifier.WEEK.timePart());
    assertEquals(ChronoField.DAY_OF_MONTH, Modifier.DAY.timePart());
    assertNull(Modifier.CONTAINS.timePart());
  }

  @Test
  void correlationTypesAreFoundByTheirSigmaNameAndSayWhatTheyNeed() {
    assertEquals(CorrelationType.VALUE_COUNT, CorrelationType.of("value_count"));
    assertEquals(CorrelationType.SPREAD, CorrelationType.of("x-apiaudit/spread"));
    assertNull(CorrelationType.of("spread"), "extensions only under their namespace");
    List<CorrelationType> windowed = List.of(CorrelationType.EVENT_COUNT, CorrelationType.VALUE_COUNT,
        CorrelationType.TEMPORAL, CorrelationType.TEMPORAL_ORDERED, CorrelationType.FOLLOWED, CorrelationType.VALUE_SUM,
        CorrelationType.VALUE_AVG, CorrelationType.VALUE_PERCENTILE);
    for (CorrelationType t : CorrelationType.values()) {
      assertEquals(windowed.contains(t), t.needsTimespan(), t.sigmaName());
      assertEquals(t.sigmaName().startsWith("value_") && t != CorrelationType.VALUE_COUNT, t.isMetric(), t.sigmaName());
    }
  }

  @Test
  void levelsRankBySeverity() {
    assertEquals(0, RuleMeta.rank("informational"));
    assertEquals(4, RuleMeta.rank("critical"));
    assertEquals(-1, RuleMeta.rank("severe"));
  }

  @Test
  void everyExtensionParameterHasADefaultInItsRangeOrNone() {
    for (CorrelationType t : CorrelationType.values()) {
      for (CorrelationParameters.Param p : CorrelationParameters.of(t).values()) {
        if (p.fallback() instanceof Number n && p.kind() != CorrelationParameters.Kind.DURATION) {
          double v = n.doubleValue();
          assertEquals(true, v >= p.min() && v <= p.max(), t.sigmaName() + " " + p.name() + " default " + v);
        }
      }
    }
    assertEquals(Map.of(), CorrelationParameters.of(CorrelationType.EVENT_COUNT), "Sigma's own types take none");
  }
}
