package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.detect.findings.CaseFindings;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void carriesReportMetadataAndTheFindingsContractUnchanged() throws Exception {
    CaseFindings findings = ReportFixtures.scrapingCase();
    JsonNode root = json.readTree(new JsonReportWriter().render(ReportFixtures.build(findings)));
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("reportSchemaVersion", "header", "summary", "incidents", "incident", "scope", "hypotheses", "findings", "leak",
        "benignAutomation", "indicators", "recommendations", "method", "caseFindings"), names);
    assertEquals("1", root.get("reportSchemaVersion").asText());
    assertEquals("TLP:AMBER+STRICT", root.at("/header/classification").asText());
    assertEquals("2023-06-11 10:00:00 IST", root.at("/header/generatedAtIst").asText());
    assertEquals("direct-api-scraping-evidenced", root.at("/summary/verdict").asText());
    assertEquals(findings, json.treeToValue(root.get("caseFindings"), CaseFindings.class));
  }

  @Test
  void cleanCaseHasNullLeakAndNoFindings() throws Exception {
    JsonNode root = json.readTree(new JsonReportWriter().render(ReportFixtures.build(ReportFixtures.cleanCase())));
    assertEquals(true, root.get("leak").isNull());
    assertEquals(0, root.get("findings").size());
    assertEquals("SlotFinderBot/2.1 (+https://example.org/bot)", root.at("/benignAutomation/0/value").asText());
  }
}
