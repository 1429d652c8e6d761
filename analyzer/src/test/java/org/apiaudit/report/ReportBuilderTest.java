package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
  @Test
  void scrapingCaseBottomLineIsThreeExactSentences() {
    Report r = ReportFixtures.build(ReportFixtures.scrapingCase());
    assertEquals(List.of(
        "Direct API scraping and authorised-credential misuse are evidenced (confidence 93%).",
        "2 actors judged scraping or credential misuse (principal tok-7f3a9c, principal vac-00412) touched 4,990 distinct"
            + " subjects between 2023-06-09 01:30:00 IST and 2023-06-09 22:30:03 IST (21 h 0 min).",
        "The conclusion rests on 182,340 events from 2 input files covering 2023-06-08 05:30:00 IST to"
            + " 2023-06-11 05:29:59 IST; 1 gap totalling 2 h 0 min limit it."), r.summary().bottomLine());
    assertEquals(Labels.Severity.CRITICAL, r.summary().severity());
    assertEquals(Map.of("benign-automation", 1L, "credential-misuse", 1L, "scraping", 1L, "suspicious", 1L),
        r.summary().totals().actorsByVerdict());
  }

  @Test
  void cleanCaseSaysNoSignAndNamesTheBenignAutomation() {
    Report r = ReportFixtures.build(ReportFixtures.cleanCase());
    assertEquals(List.of(
        "There is no sign of direct API scraping in these logs (confidence 85%).",
        "The busiest automated actors were examined and explained as benign automation: user agent"
            + " SlotFinderBot/2.1 (+https://example.org/bot); they touched no personal records.",
        "The conclusion rests on 182,340 events from 2 input files covering 2023-06-08 05:30:00 IST to"
            + " 2023-06-11 05:29:59 IST, with no gap in coverage."), r.summary().bottomLine());
    assertEquals(List.of(), r.incident().categories());
    assertEquals(List.of(), r.findings());
    assertEquals(List.of("none"), r.scope().channelsAbsent());
    assertEquals(List.of("25,920 requests but no subject: it read no personal record",
        "its traffic went to /api/v2/appointment/sessions/public/calendarByDistrict",
        "machine-like signals fired (Non-browser user agent); they are supporting signals only and make no verdict on their own"),
        r.benignAutomation().get(0).why());
  }

  @Test
  void headerCarriesIdTimesVersionsAndClassification() {
    Report.Header h = ReportFixtures.build(ReportFixtures.scrapingCase()).header();
    assertTrue(h.reportId().matches("APIAUDIT-20230611-1000-[0-9A-F]{8}"), h.reportId());
    assertEquals("2023-06-11 10:00:00 IST", h.generatedAtIst());
    assertEquals("2023-06-11 04:30:00 UTC", h.generatedAtUtc());
    assertEquals("0.1.0-test", h.toolVersion());
    assertEquals("2023-06-02", h.ruleSetVersion());
    assertEquals(EvidenceDigest.ofRules(ReportFixtures.rules()), h.ruleSetDigest());
    assertEquals(Classification.TLP_AMBER_STRICT, h.classification());
  }

  @Test
  void incidentCategoriesFollowTheConclusionAndLeak() {
    Report r = ReportFixtures.build(ReportFixtures.scrapingCase());
    assertEquals(List.of("Unauthorised access of IT systems/data", "Data breach", "Data leak",
        "Attacks on applications such as e-governance (automated bots)"),
        r.incident().categories().stream().map(Report.Category::name).toList());
    assertTrue(r.incident().note().endsWith("35 h 29 min after the last activity."), r.incident().note());
  }

  @Test
  void indicatorsComeFromFlaggedActorsOnlyMostSevereFirstWithoutDuplicates() {
    List<Report.Indicator> ind = ReportFixtures.build(ReportFixtures.scrapingCase()).indicators();
    assertEquals(List.of("principal tok-7f3a9c", "ipv4 203.0.113.7", "ipv4 203.0.113.9", "ipv6 2001:db8::5",
        "user-agent python-requests/2.31.0", "principal vac-00412", "ipv4 198.51.100.23",
        "user-agent Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "subnet 192.0.2.0/24", "ipv4 192.0.2.10", "ipv4 192.0.2.11",
        "user-agent Go-http-client/1.1"), ind.stream().map(i -> i.type() + " " + i.value()).toList());
    assertEquals(-1, ind.get(1).requests(), "a value seen for an actor does not take the actor's counts");
  }

  @Test
  void recommendationsRevokeProvenPrincipalsBlockTheirAddressesAndSpareBenignAutomation() {
    Report.Recommendations rec = ReportFixtures.build(ReportFixtures.scrapingCase()).recommendations();
    assertEquals("Revoke principal tok-7f3a9c (scraping) and every token and session issued to it; do not re-issue.",
        rec.containment().get(0));
    assertEquals("Revoke principal vac-00412 (credential-misuse) and every token and session issued to it;"
        + " contact its owner out of band before re-issuing.", rec.containment().get(1));
    assertTrue(rec.containment().contains("Block or challenge the addresses 203.0.113.7, 203.0.113.9, 2001:db8::5,"
        + " 198.51.100.23; expect rotation, so prefer the principal and range measures above."), rec.containment().toString());
    assertTrue(rec.containment().get(rec.containment().size() - 1).startsWith("Do not block user agent SlotFinderBot/2.1"));
    assertTrue(rec.nextSteps().get(0).startsWith("Report to CERT-In within 6 hours"));
    assertTrue(rec.preserve().get(0).contains("180 days"));
  }

  @Test
  void rejectsAreCitedPerFileUpToTheLimit() {
    Report r = ReportFixtures.build(ReportFixtures.scrapingCase());
    assertEquals(2, r.scope().files().get(0).firstRejects().size());
    assertEquals(new RejectedLine("logs/gw-2023-06-10.jsonl", 4, "not a JSON object"), r.scope().files().get(1).firstRejects().get(0));
    assertEquals(20, r.scope().totalRejected());
  }
}
