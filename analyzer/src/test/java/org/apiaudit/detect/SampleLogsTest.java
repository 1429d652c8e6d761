package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiaudit.index.Instants;
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

  /**
   * The facts the report forwards, against the simulator's labels: two incidents, each inside its
   * scenario's own hours; records exposed within 5% of the records the attack received; every
   * indicator an attacker's value, the misused vaccinator's own office and browser none of them.
   */
  @Test
  void incidentFactsMatchTheGroundTruth(@TempDir Path dir) throws Exception {
    SimulatedCase c = run(dir, "incident-2023-06");
    JsonNode incidents = c.findings.path("incidents");
    assertEquals(2, incidents.size(), incidents.toString());
    Map<String, JsonNode> scenarios = new HashMap<>();
    c.labels.path("scenarios").forEach(s -> scenarios.put(s.path("class").asText(), s));
    Set<String> attackerValues = new HashSet<>();
    c.labels.path("actors").forEach(a -> {
      if (!a.path("scenario").asText().equals("baseline")) {
        attackerValues.add(a.path("value").asText());
      }
    });
    long total = 0;
    for (JsonNode inc : incidents) {
      JsonNode truth = scenarios.get(inc.path("verdict").asText());
      long start = Instant.parse(inc.at("/windows/0/start").asText()).toEpochMilli();
      long end = Instant.parse(inc.at("/windows/" + (inc.path("windows").size() - 1) + "/end").asText()).toEpochMilli();
      assertTrue(start >= Instants.parse(truth.path("start").asText()) && end <= Instants.parse(truth.path("end").asText()),
          inc.path("id") + " lies inside its scenario's hours: " + inc.path("windows"));
      long returned = truth.path("records_returned").asLong();
      long affected = inc.path("subjectsAffected").asLong();
      assertTrue(Math.abs(affected - returned) <= 0.05 * returned, affected + " vs " + returned);
      total += affected;
      for (JsonNode i : inc.path("indicators")) {
        String v = i.path("value").asText();
        assertTrue(attackerValues.contains(v) || i.path("type").asText().equals("subnet"), "not an attacker's: " + v);
        assertFalse(v.equals("164.100.249.180") || v.contains("Firefox"), "the vaccinator's own office: " + v);
      }
      for (JsonNode e : inc.path("evidence")) {
        long t = e.path("timestamp").asLong();
        assertTrue(t >= start && t <= end, "evidence inside the windows");
      }
    }
    assertEquals(total, c.findings.at("/conclusion/subjectsAffected").asLong(), "the two attacks read different people");
  }

  @Test
  void cleanWeekConcludesNoSignAndNamesBenignAutomation(@TempDir Path dir) throws Exception {
    SimulatedCase c = run(dir, "clean-week");
    assertEquals("no-sign-of-direct-api-scraping", c.conclusion());
    assertEquals(0, c.findings.path("incidents").size(), "no incident, so no indicator");
    assertEquals(0, c.findings.at("/conclusion/subjectsAffected").asLong());
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
