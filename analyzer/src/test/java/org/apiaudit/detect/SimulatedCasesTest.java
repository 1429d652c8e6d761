package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the simulator's cases, in process: simulate → ingest → detect, then every
 * labelled attacker must get its class as verdict (its own or its cluster's), no benign actor
 * may be called scraping or credential misuse, and the leak correlation must match the labels.
 * Small scale and one or two days keep the whole class to well under a minute.
 */
class SimulatedCasesTest {
  private static final String SCALE = "0.01";

  private static void assertDetected(SimulatedCase c) throws Exception {
    assertEquals(List.of(), c.missedAttackers(), "attackers without their verdict");
    assertEquals(List.of(), c.benignFlagged(), "benign actors called scraping or misuse");
    assertEquals(List.of(), c.leakMismatches(), "leak correlation");
  }

  @Test
  void bolaAndVaccinatorMisuse(@TempDir Path dir) throws Exception {
    SimulatedCase c = SimulatedCase.simulate(dir, "--days", "2", "--seed", "7", "--scale", SCALE,
        "--scenario", "bola:intensity=low", "--scenario", "vaccinator-misuse:intensity=low");
    assertDetected(c);
    assertEquals("direct-api-scraping-evidenced", c.conclusion());
    assertTrue(c.findings.path("conclusion").path("credentialMisuseEvidenced").asBoolean());
  }

  @Test
  void stealthyPartnerAbuseAndOtpFlood(@TempDir Path dir) throws Exception {
    SimulatedCase c = SimulatedCase.simulate(dir, "--days", "2", "--seed", "11", "--scale", SCALE,
        "--scenario", "partner-abuse:intensity=low,stealth=true", "--scenario", "otp-flood:intensity=low,stealth=true");
    assertDetected(c);
  }

  @Test
  void distributedScrapingBecomesOneCluster(@TempDir Path dir) throws Exception {
    SimulatedCase c = SimulatedCase.simulate(dir, "--days", "1", "--seed", "3", "--scale", SCALE,
        "--scenario", "distributed:intensity=low,stealth=true");
    assertDetected(c);
    boolean cluster = false;
    for (var a : c.findings.path("actors")) {
      if (a.path("kind").asText().equals("cluster") && a.path("verdict").asText().equals("scraping")
          && a.path("members").size() > 20) {
        cluster = true;
      }
    }
    assertTrue(cluster, "a scraping cluster with the farm's addresses and tokens");
  }

  @Test
  void cleanConcludesNoSign(@TempDir Path dir) throws Exception {
    SimulatedCase c = SimulatedCase.simulate(dir, "--days", "2", "--seed", "5", "--scale", SCALE,
        "--scenario", "clean");
    assertDetected(c);
    assertEquals("no-sign-of-direct-api-scraping", c.conclusion());
    assertFalse(c.findings.path("conclusion").path("scrapingEvidenced").asBoolean());
  }
}
