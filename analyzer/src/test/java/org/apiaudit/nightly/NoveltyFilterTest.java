package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings;
import org.junit.jupiter.api.Test;

/** Reported once; again only on a worse verdict, a higher level or a measure grown by the factor. */
class NoveltyFilterTest {
  private final NoveltyFilter filter = new NoveltyFilter(2.0);

  private static CaseFindings.ActorFinding actor(String verdict, String level, double measured, long lastSeen) {
    return new CaseFindings.ActorFinding("ip", "45.146.214.72", List.of(), verdict, 0.9,
        List.of(new CaseFindings.RuleHit("r1", "fan-out", level, measured, 100, "gt", 0, lastSeen)),
        0, lastSeen, 10, 10, Map.of(), Map.of(), List.of(), List.of(), List.of());
  }

  @Test
  void reportsOnceThenOnlyEscalations() {
    NoveltyFilter.Selection first = filter.select(List.of(actor("suspicious", "medium", 150, 1000)), 500,
        ReportedFindings.EMPTY);
    assertEquals(1, first.actors().size());
    ReportedFindings state = first.reported();
    assertEquals(0, filter.select(List.of(actor("suspicious", "medium", 290, 2000)), 1500, state).actors().size(),
        "grew by less than the factor");
    assertEquals(1, filter.select(List.of(actor("suspicious", "medium", 300, 2000)), 1500, state).actors().size(),
        "doubled");
    assertEquals(1, filter.select(List.of(actor("suspicious", "high", 150, 2000)), 1500, state).actors().size(),
        "higher level");
    assertEquals(1, filter.select(List.of(actor("scraping", "medium", 150, 2000)), 1500, state).actors().size(),
        "worse verdict");
    assertEquals(0, filter.select(List.of(actor("benign-automation", "medium", 150, 2000)), 1500, state).actors().size(),
        "a milder verdict is not news");
    assertEquals(0, filter.select(List.of(actor("scraping", "critical", 900, 1000)), 1500, ReportedFindings.EMPTY)
        .actors().size(), "a hit that ended before tonight's events was judged on an earlier night");
    assertEquals(0, filter.select(List.of(actor("no-sign", "critical", 900, 2000)), 1500, ReportedFindings.EMPTY)
        .actors().size(), "no-sign is never reported");
  }
}
