package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed cases in {@code sample-logs/} and their expected conclusions (their README). */
class SampleLogsTest {
  private static Path sampleLogs() {
    return Path.of(System.getProperty("project.root", "..")).resolve("sample-logs");
  }

  private static SimulatedCase run(Path dir, String name) throws Exception {
    return SimulatedCase.ingestAndDetect(dir, sampleLogs().resolve(name),
        sampleLogs().resolve("labels").resolve(name + ".json"));
  }

  @Test
  void incidentNamesTheMisusedVaccinatorAndTheBolaLogin(@TempDir Path dir) throws Exception {
    SimulatedCase c = run(dir, "incident-2023-06");
    assertEquals("direct-api-scraping-evidenced", c.conclusion());
    assertTrue(c.findings.path("conclusion").path("credentialMisuseEvidenced").asBoolean());
    assertEquals("credential-misuse", c.predicted("principal:vcn-3002081"));
    assertEquals("credential-misuse", c.predicted("ip:103.87.158.110"));
    assertEquals("scraping", c.predicted("ip:194.26.76.210"));
    assertEquals("scraping", c.predicted("user_agent:python-requests/2.31.0"));
    assertEquals(List.of(), c.missedAttackers());
    assertEquals(List.of(), c.benignFlagged());
    // exactly the 60 labelled numbers are tied to a flagged actor, none of the other 40
    assertEquals(60, c.labels.path("leak_sample").path("accessed_by_attacker").size());
    assertEquals(List.of(), c.leakMismatches());
    assertEquals(60, c.findings.path("leak").path("accessedByFlagged").asInt());
  }

  @Test
  void cleanWeekConcludesNoSignAndNamesBenignAutomation(@TempDir Path dir) throws Exception {
    SimulatedCase c = run(dir, "clean-week");
    assertEquals("no-sign-of-direct-api-scraping", c.conclusion());
    assertEquals(List.of(), c.benignFlagged());
    assertEquals(List.of(), c.leakMismatches());
    assertEquals(0, c.findings.path("leak").path("accessedByFlagged").asInt());
    for (var e : c.labelled(null).entrySet()) {
      if (e.getValue().equals("benign-automation") && e.getKey().startsWith("principal:")) {
        assertEquals("benign-automation", c.predicted(e.getKey()), e.getKey());
      }
    }
    assertEquals("benign-automation", c.predicted("ip:13.233.188.219"), "the slot bot over the limit");
  }
}
