package org.apiaudit.canary;

import org.apiaudit.detect.CaseIndex;
import org.apiaudit.privacy.Pseudonymizer;
import static org.apiaudit.detect.CaseIndex.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.index.EventIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One evening of synthetic traffic on 2023-06-07 (IST): a public calendar poll every minute at
 * second 30 from 20:00 to 23:59, except a gap from 22:00 to 22:59, and around it one probe per
 * verdict.
 */
class CanaryAnalyzerTest {
  private static final Pseudonymizer P = new Pseudonymizer(CaseIndex.KEY);

  static final String A_LIVE = "9876500001";
  static final String B_OWNER = "9876500002";
  static final String C_UNTOUCHED = "9876500003";
  static final String D_IN_GAP = "9876500004";
  static final String E_OTP_ONLY = "9876500005";
  static final String BOT_UA = "HeadlessChrome/114";
  static final long WINDOW = CanaryAnalyzer.DEFAULT_WINDOW_MILLIS;

  @TempDir static Path dir;
  static Path index;

  @BeforeAll
  static void buildIndex() throws Exception {
    index = dir.resolve("index");
    try (CaseIndex idx = new CaseIndex(index)) {
      for (int h = 20; h < 24; h++) {
        for (int m = 0; m < 60 && h != 22; m++) {
          idx.add(at(String.format("2023-06-07T%02d:%02d:30", h, m)), "100.64.0.9", "SlotFinder/1.0", "none", null,
              "public", "/api/v2/appointment/sessions/public/calendarByDistrict", null, 200);
        }
      }
      // A: a partner lookup five minutes before the query (listed, never decides), then the bot 4.2 s after it.
      idx.add(at("2023-06-07T20:55:00"), "192.0.2.10", "partner-sdk/2", "partner", "partner-7", "partner",
          "/api/v2/partner/beneficiary/lookup", A_LIVE, 200);
      idx.add(at("2023-06-07T21:00:04.200"), "198.51.100.7", BOT_UA, "vaccinator", "vacc-1", "vaccinator",
          "/api/v2/vaccinator/beneficiary/search", A_LIVE, 200);
      // B: its owner logs in, then reads the family list 5 s after the query.
      idx.add(at("2023-06-07T21:12:00"), "100.64.0.20", "okhttp/4.9.2", "citizen", "tk-own", "otp",
          "/api/v2/auth/public/confirmOTP", B_OWNER, 200);
      idx.add(at("2023-06-07T21:20:05"), "100.64.0.20", "okhttp/4.9.2", "citizen", "tk-own", "record-returning",
          "/api/v2/appointment/beneficiaries", B_OWNER, 200);
      // C: accessed once, long before its query.
      idx.add(at("2023-06-07T20:10:00"), "198.51.100.7", BOT_UA, "vaccinator", "vacc-1", "vaccinator",
          "/api/v2/vaccinator/beneficiary/search", C_UNTOUCHED, 200);
      // E: only an OTP request after the query: no record was returned.
      idx.add(at("2023-06-07T21:45:03"), "203.0.113.5", "curl/8.0", "none", null, "otp",
          "/api/v2/auth/public/generateOTP", E_OTP_ONLY, 200);
    }
  }

  static Probe probe(long line, String clear, String queriedAt) {
    return new Probe(line, P.pseudonym(clear), "mobile", at(queriedAt), null);
  }

  static CanaryResult analyze(List<Probe> probes) throws Exception {
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      return new CanaryAnalyzer().analyze(reader, new ProbeSet("probes.csv", probes, List.of()), WINDOW,
          FlaggedActors.of(Map.of("principal:vacc-1", "credential-misuse")));
    }
  }

  static CanaryResult all() throws Exception {
    return analyze(List.of(probe(2, A_LIVE, "2023-06-07T21:00:00"), probe(3, B_OWNER, "2023-06-07T21:20:00"),
        probe(4, C_UNTOUCHED, "2023-06-07T21:30:00"), probe(5, D_IN_GAP, "2023-06-07T22:30:00"),
        probe(6, E_OTP_ONLY, "2023-06-07T21:45:00")));
  }

  @Test
  void givesOneVerdictPerProbe() throws Exception {
    CanaryResult r = all();
    assertEquals(List.of("live-lookup", "owner-only", "no-access", "not-covered", "no-access"),
        r.probes().stream().map(CanaryResult.ProbeResult::verdict).toList());
    assertEquals(Map.of("live-lookup", 1, "owner-only", 1, "no-access", 2, "not-covered", 1), r.counts());
    assertEquals(List.of("live-lookup", "owner-only", "no-access", "not-covered"), List.copyOf(r.counts().keySet()));
  }

  @Test
  void liveLookupNamesTheActorTheDelayAndTheFlag() throws Exception {
    CanaryResult r = all();
    CanaryResult.ProbeResult a = r.probes().get(0);
    assertEquals(4200, a.firstLiveDelayMillis());
    assertEquals("principal:vacc-1", a.liveActor());
    assertEquals(2, a.accessesAnyTime());
    assertEquals(22, a.eventsInWindow(), "20 polls + the two accesses in [20:50, 21:10]");
    assertEquals(11, a.eventsAfterQuery(), "10 polls + the bot in [21:00, 21:10]");
    assertEquals(List.of(
        new CanaryResult.ProbeEvent(at("2023-06-07T20:55:00"), -300_000, "partner", "partner-7", "192.0.2.10",
            "partner-sdk/2", "/api/v2/partner/beneficiary/lookup", "partner", 200L, true, false, null, "gateway.log", 181L),
        new CanaryResult.ProbeEvent(at("2023-06-07T21:00:04.200"), 4200, "vaccinator", "vacc-1", "198.51.100.7",
            BOT_UA, "/api/v2/vaccinator/beneficiary/search", "vaccinator", 200L, true, false, "credential-misuse",
            "gateway.log", 182L)), a.events());
    assertEquals(List.of(new CanaryResult.LiveActor("principal:vacc-1", "vaccinator", List.of("198.51.100.7"),
        List.of(BOT_UA), 1, "credential-misuse")), r.liveActors());
    assertEquals(new CanaryResult.Delays(1, 4200, 4200, 4200), r.delays());
    assertEquals(CanaryResult.LIVE_LOOKUPS_EVIDENCED, r.verdict());
    assertEquals("Live lookups evidenced: 1 of 5 probes were looked up through the API within 10m after being typed"
        + " into the bot, by principal:vacc-1 (flagged credential-misuse) on 1 probe; delay after the query min 4.2 s,"
        + " median 4.2 s, max 4.2 s. 1 of 5 probe windows fall in a gap of the logs (not covered), so nothing can be"
        + " said about them.", r.summary());
  }

  @Test
  void ownerOnlyWhenEveryAccessIsTheSubjectsOwnOtpSession() throws Exception {
    CanaryResult.ProbeResult b = all().probes().get(1);
    assertEquals("owner-only", b.verdict());
    assertEquals(-1, b.firstLiveDelayMillis());
    assertNull(b.liveActor());
    assertEquals(List.of(false, true), b.events().stream().map(CanaryResult.ProbeEvent::access).toList());
    assertEquals(List.of(true, true), b.events().stream().map(CanaryResult.ProbeEvent::owner).toList());
  }

  @Test
  void otpRequestsAndAccessesOutsideTheWindowAreNotLiveLookups() throws Exception {
    CanaryResult r = all();
    assertEquals(1, r.probes().get(2).accessesAnyTime());
    assertEquals(List.of(), r.probes().get(2).events());
    assertEquals(0, r.probes().get(4).accessesAnyTime());
    assertEquals(1, r.probes().get(4).events().size());
  }

  @Test
  void aProbeInAGapIsNotCoveredNeverNoAccess() throws Exception {
    CanaryResult.ProbeResult d = all().probes().get(3);
    assertEquals("not-covered", d.verdict());
    assertEquals(0, d.eventsInWindow());
    assertEquals(0, d.eventsAfterQuery());
  }

  @Test
  void aProbeJustBeforeAGapIsNotCoveredEvenWithEventsBeforeTheQuery() throws Exception {
    CanaryResult.ProbeResult p = analyze(List.of(probe(2, C_UNTOUCHED, "2023-06-07T22:00:00"))).probes().get(0);
    assertEquals("not-covered", p.verdict());
    assertEquals(10, p.eventsInWindow());
    assertEquals(0, p.eventsAfterQuery());
  }

  @Test
  void overallNoLiveLookupStatesCoverage() throws Exception {
    CanaryResult r = analyze(List.of(probe(2, C_UNTOUCHED, "2023-06-07T21:30:00"), probe(3, B_OWNER, "2023-06-07T21:20:00")));
    assertEquals(CanaryResult.NO_LIVE_LOOKUP, r.verdict());
    assertNull(r.delays());
    assertEquals(List.of(), r.liveActors());
    assertEquals("No live lookup: none of the 2 covered probes was accessed by anyone but its owner within 10m after"
        + " the query (1 no-access, 1 owner-only); this supports answers from an offline copy. Every probe's window is"
        + " covered by the logs.", r.summary());
  }

  @Test
  void overallNotCoveredWhenNoProbeWindowHasEvents() throws Exception {
    CanaryResult r = analyze(List.of(probe(2, D_IN_GAP, "2023-06-07T22:30:00"), probe(3, A_LIVE, "2023-06-08T09:00:00")));
    assertEquals(CanaryResult.NOT_COVERED, r.verdict());
    assertEquals("Not covered: no event at all was logged within 10m after any probe's query; the logs have a gap"
        + " there, so they can neither show nor rule out live lookups.", r.summary());
  }
}
