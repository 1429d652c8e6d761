package org.apiaudit.detect;

import static org.apiaudit.detect.CaseIndex.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiaudit.detect.findings.CaseFindings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clusters: a SIM farm behind rotating addresses becomes one scraping cluster; a carrier NAT does not. */
class AttributionTest {
  private static final String FARM_UA = "Dalvik/2.1.0 (Linux; U; Android 9; SM-J600G Build/PPR1.180610.011)";

  @org.junit.jupiter.api.BeforeAll
  static void loadRules() {
    if (DetectionServiceTest.rules == null) {
      DetectionServiceTest.rules = new org.apiaudit.rules.RuleLoader().load(RulePackTest.rulesDir());
    }
  }

  @Test
  void simFarmBehindRotatingAddressesIsOneClusterAndNatIsNot(@TempDir Path dir) throws IOException {
    try (CaseIndex idx = new CaseIndex(dir)) {
      // a carrier NAT: 48 citizens, each its own token and its own 3 certificates
      DetectionServiceTest.citizens(idx, "2023-06-10", 48);
      // the farm: 20 SIM tokens, each downloading 10 certificates not its own, every request from
      // another address of a 30-address pool; some addresses only ever request OTPs
      long t0 = at("2023-06-10T12:00:00");
      int n = 0;
      for (int sim = 0; sim < 20; sim++) {
        String token = "tk-farm-" + sim;
        long start = t0 + sim * 300_000L;
        idx.add(start, "171.48.9." + (100 + sim % 5), FARM_UA, "none", null, "otp", "/api/v2/auth/public/generateOTP",
            "97" + String.format("%08d", sim), 200);
        for (int d = 0; d < 10; d++) {
          idx.add(start + 10_000 + d * 9_000L, "171.48.27." + (n++ % 25), FARM_UA, "citizen", token, "record-returning",
              CaseIndex.CERT, String.format("%014d", 20_000_000_000L + sim * 1_000_003L + d * 7_919L), 200);
        }
      }
    }
    CaseFindings f = DetectionServiceTest.detect(dir, null);
    List<CaseFindings.ActorFinding> clusters = f.actors().stream()
        .filter(a -> a.kind().equals("cluster") && a.verdict().equals("scraping")).toList();
    assertEquals(1, clusters.size(), f.actors().toString());
    Set<String> members = clusters.get(0).members().stream().map(m -> m.kind() + ":" + m.value())
        .collect(Collectors.toSet());
    assertTrue(members.contains("user_agent:" + FARM_UA), members.toString());
    assertTrue(members.contains("principal:tk-farm-7"), members.toString());
    assertTrue(members.contains("ip:171.48.27.3"), members.toString());
    assertTrue(members.contains("ip:171.48.9.102"), "an address that only requested OTPs: " + members);
    assertFalse(members.contains("ip:100.64.0.1"), "the NAT");
    assertTrue(clusters.get(0).distinctSubjects() >= 200, "certificates read, plus the SIMs' own mobiles");
    assertFalse(members.stream().anyMatch(m -> m.startsWith("principal:tk-cit-")), "the NAT's citizens");
    assertEquals("scraping", f.conclusion().scrapingEvidenced() ? "scraping" : "none");
  }
}
