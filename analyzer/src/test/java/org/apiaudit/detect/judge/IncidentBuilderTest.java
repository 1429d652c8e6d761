package org.apiaudit.detect.judge;

import static org.apiaudit.detect.CaseIndex.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.detect.CaseIndex;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.LocalEvents;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents state facts a CERT forwards: these tests pin each one on a small index whose truth is
 * known by construction.
 */
class IncidentBuilderTest {
  private static final String APP_UA = "okhttp/4.9.2";
  private static final String SCRIPT_UA = "python-requests/2.31.0";

  /**
   * A token walks certificates from a hosting address A (attack only) and, after a two-hour
   * pause, from a carrier NAT address N that an ordinary citizen uses too, with the mobile app's
   * user agent that the citizen also sends. Of its 12 reads, 8 return a record.
   */
  private static Path attackIndex(Path dir) throws Exception {
    try (CaseIndex idx = new CaseIndex(dir)) {
      long t = at("2023-06-10T11:00:00");
      for (int i = 0; i < 6; i++) {
        idx.add(t + i * 60_000L, "194.26.76.210", SCRIPT_UA, "citizen", "tk-bad", "record-returning", CaseIndex.CERT,
            String.format("%014d", 20_000_000_000L + i), i < 4 ? 200 : 404);
      }
      long later = at("2023-06-10T14:00:00");
      for (int i = 0; i < 6; i++) {
        idx.add(later + i * 60_000L, "100.64.1.1", APP_UA, "citizen", "tk-bad", "record-returning", CaseIndex.CERT,
            String.format("%014d", 20_000_000_100L + i), i < 4 ? 200 : 404);
      }
      // an ordinary citizen behind the same NAT, with the app, reading her own certificate
      idx.add(at("2023-06-10T09:00:00"), "100.64.1.1", APP_UA, "citizen", "tk-own", "record-returning",
          CaseIndex.CERT, "20000000999999", 200);
    }
    return dir;
  }

  private static IncidentBuilder.Result build(Path index, List<IncidentBuilder.Part> parts) throws Exception {
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      return new IncidentBuilder(new LocalEvents(reader), TimeWindow.ALL).build(parts);
    }
  }

  private static IncidentBuilder.Part token(String principal) {
    ActorKey key = new ActorKey(List.of(Field.PRINCIPAL), List.of(principal));
    return new IncidentBuilder.Part(key.label(), List.of(key.label()), Set.of(key.label()), Verdict.SCRAPING, 0.9,
        key.query(), List.of("Citizen Token Reads Certificates Beyond One Family (BOLA)"));
  }

  @Test
  void onlyValuesNoOtherTrafficUsedAreIndicatorsTheRestIsContext(@TempDir Path dir) throws Exception {
    IncidentBuilder.Result r = build(attackIndex(dir), List.of(token("tk-bad")));
    CaseFindings.Incident inc = r.incidents().get(0);
    assertEquals(List.of("ipv4 194.26.76.210", "subnet 194.26.76.0/24", "user-agent " + SCRIPT_UA, "principal tk-bad"),
        inc.indicators().stream().map(i -> i.type() + " " + i.value()).toList());
    assertEquals(List.of("100.64.1.1", "100.64.1.0/24", APP_UA),
        inc.context().stream().map(CaseFindings.ContextValue::value).toList());
    assertEquals("used by the attack (6 events) and by other traffic (1 events): do not block",
        inc.context().get(0).reason());
  }

  @Test
  void windowsSplitWhereTheAttackPausesAndIndicatorsCarryTheirOwnTimes(@TempDir Path dir) throws Exception {
    CaseFindings.Incident inc = build(attackIndex(dir), List.of(token("tk-bad"))).incidents().get(0);
    assertEquals(List.of(new CaseFindings.Window("2023-06-10T05:30:00Z", "2023-06-10T05:35:00Z"),
        new CaseFindings.Window("2023-06-10T08:30:00Z", "2023-06-10T08:35:00Z")), inc.windows());
    CaseFindings.Indicator a = inc.indicators().get(0);
    assertEquals("2023-06-10T05:30:00Z", a.firstSeen());
    assertEquals("2023-06-10T05:35:00Z", a.lastSeen());
    assertEquals(6, a.events());
    for (CaseFindings.Evidence e : inc.evidence()) {
      boolean inside = inc.windows().stream().anyMatch(w -> e.timestamp() >= java.time.Instant.parse(w.start()).toEpochMilli()
          && e.timestamp() <= java.time.Instant.parse(w.end()).toEpochMilli());
      assertEquals(true, inside, "evidence line at " + e.timestamp() + " lies in a window");
    }
  }

  @Test
  void subjectsAffectedCountOnlyRecordsReturned(@TempDir Path dir) throws Exception {
    IncidentBuilder.Result r = build(attackIndex(dir), List.of(token("tk-bad")));
    CaseFindings.Incident inc = r.incidents().get(0);
    assertEquals(8, inc.subjectsAffected(), "4 + 4 answered 200; the 404s returned nothing");
    assertEquals(12, inc.subjectsTargeted());
    assertEquals(12, inc.requests());
  }

  @Test
  void oneSignalOnAFewRecordsIsReportedButDoesNotDecideTheCase(@TempDir Path dir) throws Exception {
    IncidentBuilder.Result r = build(attackIndex(dir), List.of(token("tk-bad")));
    assertEquals(false, r.incidents().get(0).decidesCase(), "one rule, 8 records: a household could do it");
    assertEquals(0, r.subjectsAffected(), "the case's count rests only on incidents that decide it");
    ActorKey ip = new ActorKey(List.of(Field.SOURCE_IP), List.of("194.26.76.210"));
    IncidentBuilder.Part walk = new IncidentBuilder.Part(ip.label(), List.of(ip.label()),
        Set.of(ip.label(), "principal:tk-bad"), Verdict.SCRAPING, 0.9, ip.query(), List.of("Sequential Identifier Walk"));
    IncidentBuilder.Result two = build(dir, List.of(token("tk-bad"), walk));
    assertEquals(true, two.incidents().get(0).decidesCase(), "a second rule agrees");
    assertEquals(List.of("Citizen Token Reads Certificates Beyond One Family (BOLA)", "Sequential Identifier Walk"),
        two.incidents().get(0).rules());
    assertEquals(8, two.subjectsAffected());
  }

  @Test
  void partsSharingAPrincipalAreOneIncidentOthersAreApart(@TempDir Path dir) throws Exception {
    try (CaseIndex idx = new CaseIndex(dir)) {
      long t = at("2023-06-10T11:00:00");
      for (int i = 0; i < 3; i++) {
        idx.add(t + i * 1_000L, "194.26.76.210", SCRIPT_UA, "citizen", "tk-a", "record-returning", CaseIndex.CERT,
            String.format("%014d", 20_000_000_000L + i), 200);
        idx.add(t + 3_600_000L + i * 1_000L, "203.0.113.9", SCRIPT_UA, "citizen", "tk-b", "record-returning",
            CaseIndex.CERT, String.format("%014d", 20_000_000_000L + i), 200);
      }
    }
    ActorKey ip = new ActorKey(List.of(Field.SOURCE_IP), List.of("194.26.76.210"));
    IncidentBuilder.Part byIp = new IncidentBuilder.Part(ip.label(), List.of(ip.label()),
        Set.of(ip.label(), "principal:tk-a"), Verdict.SCRAPING, 0.9, ip.query(), List.of("walk"));
    IncidentBuilder.Result r = build(dir, List.of(token("tk-a"), byIp, token("tk-b")));
    assertEquals(List.of(true, false), r.incidents().stream().map(CaseFindings.Incident::decidesCase).toList());
    assertEquals(2, r.incidents().size());
    assertEquals(List.of("principal:tk-a", "ip:194.26.76.210"), r.incidents().get(0).actors());
    assertEquals(List.of("principal:tk-b"), r.incidents().get(1).actors());
    assertEquals("INC-1", r.incidents().get(0).id());
    // only INC-1 decides the case (two rules); INC-2 is one token's three reads
    assertEquals(3, r.subjectsAffected());
  }
}
