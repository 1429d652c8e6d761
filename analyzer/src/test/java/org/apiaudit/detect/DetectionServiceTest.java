package org.apiaudit.detect;

import static org.apiaudit.detect.CaseIndex.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts on a synthetic case modelling every attacker of detections.md next to its benign
 * look-alikes: attackers must get the right verdict and no look-alike may be called scraping
 * or credential misuse.
 */
class DetectionServiceTest {
  static final String BROWSER = "Mozilla/5.0 (Linux; Android 12) Chrome/114.0";
  static final String APP = "okhttp/4.9.2";
  static RuleSet rules;

  @BeforeAll
  static void loadRules() {
    rules = new RuleLoader().load(RulePackTest.rulesDir());
  }

  /** Background citizens: every hour of the day, NAT address, each token confirmed and reading 3 own ids. */
  static void citizens(CaseIndex idx, String day, int tokens) throws IOException {
    for (int t = 0; t < tokens; t++) {
      long ts = at(day + "T00:00:00") + t * (86_400_000L / tokens);
      String mobile = "98" + String.format("%08d", 10_000 + t);
      String token = "tk-cit-" + day + "-" + t;
      idx.add(ts, "100.64.0.1", BROWSER, "citizen", token, "otp", CaseIndex.CONFIRM, mobile, 200);
      for (int r = 0; r < 3; r++) {
        idx.add(ts + 5_000 + r * 7_000, "100.64.0.1", BROWSER, "citizen", token, "record-returning", CaseIndex.CERT,
            String.format("%014d", 10_000_000_000L + t * 7919L + r * 104_729L), 200);
      }
    }
  }

  static CaseFindings detect(Path dir, List<String> leak) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      return new DetectionService().detect(reader, rules, TimeWindow.ALL, leak);
    }
  }

  static Map<String, String> verdicts(CaseFindings f) {
    return f.actors().stream().collect(Collectors.toMap(a -> a.kind() + ":" + a.value(), CaseFindings.ActorFinding::verdict));
  }

  @Test
  void attackersAreFlaggedAndLookAlikesAreNot(@TempDir Path dir) throws IOException {
    try (CaseIndex idx = new CaseIndex(dir)) {
      citizens(idx, "2023-06-10", 240);
      // BOLA: one token walks 400 consecutive reference ids, one every 4 s, with a script.
      long t0 = at("2023-06-10T11:00:00");
      for (int i = 0; i < 400; i++) {
        idx.add(t0 + i * 4_000L, "203.0.113.7", "python-requests/2.31.0", "citizen", "tk-bola", "record-returning",
            CaseIndex.CERT, String.valueOf(48_213_098_765_000L + i), i % 10 == 9 ? 404 : 200);
      }
      // Vaccinator credential misused at night from a new address: 200 searches, no dose.
      long n0 = at("2023-06-10T01:00:00");
      for (int i = 0; i < 200; i++) {
        idx.add(n0 + i * 15_000L, "198.51.100.99", BROWSER, "vaccinator", "vac-misused", "record-returning",
            CaseIndex.SEARCH, "97" + String.format("%08d", i * 3_331), 200);
      }
      // Busy camp: 80 searches in session hours, each followed by a dose.
      long c0 = at("2023-06-10T09:30:00");
      for (int i = 0; i < 80; i++) {
        long ts = c0 + i * 360_000L + (i % 7) * 40_000L;
        idx.add(ts, "10.20.0.5", BROWSER, "vaccinator", "vac-camp", "record-returning", CaseIndex.SEARCH,
            "96" + String.format("%08d", i * 7_771), 200);
        idx.add(ts + 120_000L, "10.20.0.5", BROWSER, "vaccinator", "vac-camp", "vaccinator", CaseIndex.VACCINATION,
            String.format("%014d", 20_000_000_000L + i * 99_991L), 200);
      }
      // Slot-finder bot: polls a district calendar every 3 s for an hour, throttled sometimes.
      long s0 = at("2023-06-10T08:00:00");
      for (int i = 0; i < 1200; i++) {
        idx.add(s0 + i * 3_000L, "198.51.100.74", "python-requests/2.31.0", "none", null, "public", CaseIndex.CALENDAR,
            null, i % 4 == 0 ? 429 : 200);
      }
      // Re-logging family: a new token every 15 minutes, the same 4 certificates each time.
      long f0 = at("2023-06-10T15:00:00");
      for (int s = 0; s < 8; s++) {
        for (int r = 0; r < 4; r++) {
          idx.add(f0 + s * 900_000L + r * 3_000L, "100.64.7.7", APP, "citizen", "tk-fam-" + s, "record-returning",
              CaseIndex.CERT, String.valueOf(30_000_000_000_000L + r * 1_234_567L), 200);
        }
      }
    }
    CaseFindings f = detect(dir, null);
    Map<String, String> v = verdicts(f);
    assertEquals("scraping", v.get("principal:tk-bola"), v.toString());
    assertEquals("scraping", v.get("ip:203.0.113.7"), v.toString());
    assertEquals("credential-misuse", v.get("principal:vac-misused"), v.toString());
    assertEquals("benign-automation", v.get("ip:198.51.100.74"), v.toString());
    for (String benign : List.of("principal:vac-camp", "ip:10.20.0.5", "ip:100.64.0.1", "ip:100.64.7.7",
        "subnet:100.64.0.0/24", "user_agent:" + BROWSER, "user_agent:" + APP)) {
      String got = v.getOrDefault(benign, "no-sign");
      assertFalse(got.equals("scraping") || got.equals("credential-misuse"), benign + " judged " + got);
    }
    for (int s = 0; s < 8; s++) {
      assertNull(v.get("principal:tk-fam-" + s), "re-logging family token flagged: " + v.get("principal:tk-fam-" + s));
    }
    assertEquals("direct-api-scraping-evidenced", f.conclusion().verdict());
    assertTrue(f.conclusion().scrapingEvidenced());
    assertTrue(f.conclusion().credentialMisuseEvidenced());
    CaseFindings.ActorFinding bola = f.actors().stream().filter(a -> a.value().equals("tk-bola")).findFirst().orElseThrow();
    assertEquals(400, bola.distinctSubjects());
    assertEquals(400, bola.requests());
    assertEquals(5, bola.evidence().size());
    assertEquals("gateway.log", bola.evidence().get(0).file());
  }

  @Test
  void cleanCaseConcludesNoSignOfDirectApiScraping(@TempDir Path dir) throws IOException {
    try (CaseIndex idx = new CaseIndex(dir)) {
      citizens(idx, "2023-06-10", 240);
    }
    CaseFindings f = detect(dir, null);
    assertEquals("no-sign-of-direct-api-scraping", f.conclusion().verdict(), f.conclusion().summary());
    assertFalse(f.conclusion().scrapingEvidenced());
    assertEquals(960, f.coverage().events());
    assertEquals(720, f.coverage().recordEvents());
    assertEquals(Map.of("citizen", 960L), f.coverage().channels());
    assertEquals("supported", f.conclusion().hypotheses().get(2).verdict());
  }

  @Test
  void leakSampleIsTiedToTheScraperAndOwnersAreExplained(@TempDir Path dir) throws IOException {
    try (CaseIndex idx = new CaseIndex(dir)) {
      citizens(idx, "2023-06-10", 48);
      certificateWalk(idx);
      // The owner of mobile 9900000001 confirms an OTP and reads the beneficiaries list.
      long o = at("2023-06-10T12:00:00");
      idx.add(o, "100.64.8.8", APP, "citizen", "tk-owner", "otp", CaseIndex.CONFIRM, "9900000001", 200);
      idx.add(o + 5_000, "100.64.8.8", APP, "citizen", "tk-owner", "record-returning",
          "/api/v2/appointment/beneficiaries", "9900000001", 200);
    }
    Pseudonymizer p = new Pseudonymizer(CaseIndex.KEY);
    List<String> sample = List.of(p.pseudonym("48213098765003"), p.pseudonym("48213098765004"),
        p.pseudonym("9900000001"), p.pseudonym("9000000000"));
    CaseFindings.LeakCorrelation leak = detect(dir, sample).leak();
    assertEquals(4, leak.sampleSize());
    assertEquals(3, leak.accessed());
    assertEquals(2, leak.accessedByFlagged());
    assertEquals(1, leak.ownerOnly());
    assertEquals(List.of("flagged-actor", "flagged-actor", "owner-only", "not-accessed"),
        leak.subjects().stream().map(CaseFindings.LeakSubject::status).toList());
    assertEquals(Map.of("principal:tk-bola", 2L, "ip:203.0.113.7", 2L, "principal:tk-owner", 1L, "ip:100.64.8.8", 1L),
        leak.byActor());
  }

  /** A certificate names no mobile: the owner's own download of the id ties the scraper's read to the mobile. */
  @Test
  void leakSampleMobileIsTiedToTheScraperThroughItsFamilysCertificate(@TempDir Path dir) throws IOException {
    try (CaseIndex idx = new CaseIndex(dir)) {
      citizens(idx, "2023-06-10", 48);
      certificateWalk(idx);
      // Mobile 9900000002's own session, the next day, downloads one of the ids the scraper read.
      long o = at("2023-06-11T09:00:00");
      idx.add(o, "100.64.8.8", APP, "citizen", "tk-owner", "otp", CaseIndex.CONFIRM, "9900000002", 200);
      idx.add(o + 9_000, "100.64.8.8", APP, "citizen", "tk-owner", "record-returning", CaseIndex.CERT,
          "48213098765021", 200);
    }
    Pseudonymizer p = new Pseudonymizer(CaseIndex.KEY);
    CaseFindings.LeakCorrelation leak = detect(dir, List.of(p.pseudonym("9900000002"))).leak();
    assertEquals("flagged-actor", leak.subjects().get(0).status());
    assertEquals(List.of("ip:100.64.8.8", "ip:203.0.113.7", "principal:tk-bola", "principal:tk-owner"),
        leak.subjects().get(0).actors());
  }

  /** A BOLA login downloading 50 consecutive certificate ids (…765000 to …765049), one every 4 s. */
  private static void certificateWalk(CaseIndex idx) throws IOException {
    long t0 = at("2023-06-10T11:00:00");
    for (int i = 0; i < 50; i++) {
      idx.add(t0 + i * 4_000L, "203.0.113.7", "python-requests/2.31.0", "citizen", "tk-bola", "record-returning",
          CaseIndex.CERT, String.valueOf(48_213_098_765_000L + i), 200);
    }
  }
}
