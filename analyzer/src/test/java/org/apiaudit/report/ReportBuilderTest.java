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
        "2 incidents (2 actors judged scraping or credential misuse): the records of 4,990 distinct subjects were returned"
            + " to the attackers between 2023-06-09 01:30:00 IST and 2023-06-09 22:30:03 IST; each incident is told below.",
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
  void indicatorsAreTheIncidentsOwnValuesNeverTheirContext() {
    List<Report.Indicator> ind = ReportFixtures.build(ReportFixtures.scrapingCase()).indicators();
    assertEquals(List.of("INC-1 ipv4 198.51.100.23", "INC-2 ipv4 203.0.113.7", "INC-2 ipv6 2001:db8::5",
        "INC-2 subnet 203.0.113.0/24", "INC-2 user-agent python-requests/2.31.0", "INC-2 principal tok-7f3a9c"),
        ind.stream().map(i -> i.incident() + " " + i.type() + " " + i.value()).toList());
    assertEquals(12, ind.get(2).requests(), "an indicator carries its own count, not its incident's");
    assertEquals(List.of("api-bola-fanout", "api-sequential-walk"), ind.get(1).rules());
    assertTrue(ind.stream().noneMatch(i -> i.value().startsWith("Mozilla/5.0")), "shared context is no indicator");
  }

  @Test
  void incidentsAreToldInOneParagraphEach() {
    List<Report.IncidentBrief> briefs = ReportFixtures.build(ReportFixtures.scrapingCase()).incidents();
    assertEquals(2, briefs.size());
    assertEquals("INC-1: Credential misuse. 190 requests between 2023-06-09 01:30:00 IST and 2023-06-09 05:30:00 IST from"
        + " 198.51.100.23; the records of 178 distinct subjects were returned (178 asked for). Confidence 80%.",
        briefs.get(0).paragraph());
  }

  @Test
  void recommendationsAreSpecificToEachIncidentAndSpareSharedValuesAndBenignAutomation() {
    Report.Recommendations rec = ReportFixtures.build(ReportFixtures.scrapingCase()).recommendations();
    assertEquals("INC-1: reset the credential vac-00412, revoke every session issued to it and contact its owner out of"
        + " band before re-issuing; its own workplace addresses stay open.", rec.containment().get(0));
    assertEquals("INC-1: block ipv4 198.51.100.23 at the gateway/WAF: nothing but the attack used them in these logs.",
        rec.containment().get(1));
    assertTrue(rec.containment().contains("INC-2: revoke the 1 token used in the attack (tok-7f3a9c) and block the login"
        + " identity behind them from record-returning endpoints."), rec.containment().toString());
    assertTrue(rec.containment().contains("Do not block Mozilla/5.0 (Windows NT 10.0; Win64; x64): the attack used them,"
        + " but so did other users."), rec.containment().toString());
    assertEquals(1, rec.containment().stream().filter(l -> l.startsWith("Do not block the benign automation")).count());
    assertEquals(rec.containment().size(), new java.util.HashSet<>(rec.containment()).size(), "no line repeated");
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
