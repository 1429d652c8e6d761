package org.apiaudit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.Query;
import org.apiaudit.UserException;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSearcherTest {
  private static final long T0 = 1686355200000L; // 2023-06-10T00:00:00Z
  private static final Pseudonymizer P =
      new Pseudonymizer(CaseKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
  @TempDir static Path tmp;
  static Path index;

  /** 1000 events, one a minute, over three segments, written out of time order. */
  @BeforeAll
  static void buildIndex() throws IOException {
    index = tmp.resolve("idx");
    EventDocumentBuilder builder = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(index)) {
      for (int seg = 2; seg >= 0; seg--) {
        for (int i = seg; i < 1000; i += 3) {
          Event e = new Event();
          e.set(Field.TIMESTAMP, T0 + i * 60_000L);
          e.set(Field.SOURCE_IP, i % 10 == 0 ? "2001:db8::" + Integer.toHexString(i) : "203.0.113." + (i % 50));
          e.set(Field.SOURCE_SUBNET, "203.0.113.0/24");
          e.set(Field.METHOD, "GET");
          e.set(Field.URL_PATH, i % 2 == 0 ? "/api/v2/partner/beneficiary/lookup" : "/api/v2/admin/location/states");
          e.set(Field.STATUS, i % 4 == 0 ? 404 : 200);
          e.set(Field.PRINCIPAL, "partner-" + (i % 5));
          e.set(Field.SUBJECT_ID, P.pseudonym("98765" + (43210 + i % 100)));
          e.set(Field.USER_AGENT, i % 3 == 0 ? "python-requests/2.31.0" : "Mozilla/5.0 (Linux; Android 13)");
          e.set(Field.USER_AGENT_TEXT, e.get(Field.USER_AGENT));
          e.set(Field.LOG_FILE, "f.log");
          e.set(Field.LOG_LINE, i + 1);
          e.set(Field.ORIGINAL, "line " + i);
          w.addDocument(builder.build(e));
        }
        w.commit();
      }
      EventIndex.commit(w, IndexManifest.empty());
    }
  }

  private static long count(String query) {
    try (EventSearcher s = EventSearcher.open(index)) {
      return s.count(new SchemaQueryParser().parseQuery(query));
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  @Test
  void findsByExactIpv4AndIpv6() {
    assertEquals(20, count("ip:203.0.113.7"));
    assertEquals(1, count("ip:\"2001:db8::a\""));
  }

  @Test
  void findsByCidrTypedAsInLogs() {
    assertEquals(900, count("ip:203.0.113.0/24"));
    assertEquals(100, count("source.ip:\"2001:db8::/64\""));
    // .0 falls on the IPv6 events (i % 10 == 0), so only .1 matches.
    assertEquals(20, count("ip:203.0.113.0/31"));
  }

  @Test
  void findsByStatusRange() {
    assertEquals(250, count("status:[400 TO 499]"));
    assertEquals(750, count("status:{200 TO 404} OR status:200"));
  }

  @Test
  void findsByTimeRangeWithOffset() {
    // 05:30 IST on 10 June is 00:00 UTC: minutes 0..59 inclusive of the bound.
    assertEquals(61, count("time:[2023-06-10T05:30:00+05:30 TO 2023-06-10T01:00:00Z]"));
  }

  @Test
  void findsByPrincipalSubjectPseudonymPathWildcardAndUaPhrase() {
    assertEquals(200, count("principal:partner-3"));
    assertEquals(10, count("subject:" + P.pseudonym("9876543217")));
    assertEquals(500, count("path:/api/v2/partner/*"));
    assertEquals(334, count("ua_text:\"python requests\""));
    assertEquals(250, count("path:/api/v2/partner/beneficiary/lookup AND NOT status:[300 TO *]"));
  }

  @Test
  void streamsAllHitsInTimeOrderAcrossSegments() throws IOException {
    List<Long> times = new ArrayList<>();
    try (EventSearcher s = EventSearcher.open(index)) {
      long n = s.stream(EventSearcher.all(), Long.MAX_VALUE, true, h -> times.add(h.timestamp()));
      assertEquals(1000, n);
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(T0 + i * 60_000L, times.get(i));
    }
  }

  @Test
  void streamCarriesDisplayFieldsAndMaskedLine() throws IOException {
    List<Hit> hits = new ArrayList<>();
    try (EventSearcher s = EventSearcher.open(index)) {
      s.stream(new SchemaQueryParser().parseQuery("line:42"), 10, true, hits::add);
    }
    assertEquals(1, hits.size());
    Hit h = hits.get(0);
    assertEquals("line 41", h.get(Field.ORIGINAL));
    assertEquals("partner-1", h.get(Field.PRINCIPAL));
    assertEquals("f.log", h.get(Field.LOG_FILE));
    assertEquals("200", h.get(Field.STATUS));
  }

  @Test
  void topValuesCountAllHits() throws IOException {
    try (EventSearcher s = EventSearcher.open(index)) {
      Query q = new SchemaQueryParser().parseQuery("status:404");
      List<Map.Entry<String, Long>> top = s.topValues(q, Field.PRINCIPAL, 3);
      assertEquals(List.of(Map.entry("partner-0", 50L), Map.entry("partner-1", 50L), Map.entry("partner-2", 50L)), top);
      assertEquals(List.of(Map.entry("200", 750L), Map.entry("404", 250L)),
          s.topValues(EventSearcher.all(), Field.STATUS, 5));
    }
  }

  /** Distinct pairs counted across segments, exactly as a brute-force count of the same events. */
  @Test
  void topByDistinctMatchesABruteForceCount() throws IOException {
    Map<String, Set<String>> subjectsPerIp = new TreeMap<>();
    Map<String, Set<String>> ipsPerPrincipal = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      String ip = i % 10 == 0 ? "2001:db8::" + Integer.toHexString(i) : "203.0.113." + (i % 50);
      subjectsPerIp.computeIfAbsent(ip, k -> new HashSet<>()).add(P.pseudonym("98765" + (43210 + i % 100)));
      ipsPerPrincipal.computeIfAbsent("partner-" + (i % 5), k -> new HashSet<>()).add(ip);
    }
    try (EventSearcher s = EventSearcher.open(index)) {
      List<Map.Entry<String, Long>> byIps = s.topByDistinct(EventSearcher.all(), Field.PRINCIPAL, Field.SOURCE_IP, 3);
      assertEquals(expectedTop(ipsPerPrincipal, 3), byIps);
      assertEquals(Map.entry("partner-0", 105L), byIps.get(0));
      assertEquals(expectedTop(subjectsPerIp, 8),
          s.topByDistinct(EventSearcher.all(), Field.SOURCE_IP, Field.SUBJECT_ID, 8));
      assertThrows(IllegalArgumentException.class,
          () -> s.topByDistinct(EventSearcher.all(), Field.STATUS, Field.SUBJECT_ID, 3));
    }
  }

  /** Most distinct values first, ties by value. */
  private static List<Map.Entry<String, Long>> expectedTop(Map<String, Set<String>> distinct, int n) {
    return distinct.entrySet().stream().map(e -> Map.entry(e.getKey(), (long) e.getValue().size()))
        .sorted((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
            : a.getKey().compareTo(b.getKey()))
        .limit(n).toList();
  }

  @Test
  void histogramCountsPerBucket() throws IOException {
    try (EventSearcher s = EventSearcher.open(index)) {
      TreeMap<Long, Long> h = s.histogram(EventSearcher.all(), 3_600_000L);
      assertEquals(17, h.size());
      assertEquals(60L, h.get(T0));
      assertEquals(40L, h.get(T0 + 16 * 3_600_000L));
    }
  }

  @Test
  void unknownFieldAndBadValuesAreUserErrors() {
    assertEquals("unknown field 'nope'; see 'analyzer stats --fields' for the schema",
        assertThrows(UserException.class, () -> count("nope:1")).getMessage());
    assertEquals("field source.ip takes an IP address or CIDR range; got: abc",
        assertThrows(UserException.class, () -> count("ip:abc")).getMessage());
    assertEquals("field http.response.status_code takes a whole number; got: ok",
        assertThrows(UserException.class, () -> count("status:ok")).getMessage());
  }

  @Test
  void topKeepsTheFirstNOfTheFullOrderingWhateverN() {
    long seed = new java.util.Random().nextLong();
    java.util.Random random = new java.util.Random(seed);
    Map<String, Long> counts = new java.util.HashMap<>();
    for (int i = 0; i < 500; i++) {
      counts.put("v" + random.nextInt(100_000), (long) (1 + random.nextInt(4)));
    }
    List<Map.Entry<String, Long>> full = new ArrayList<>(counts.entrySet());
    full.sort((a, b) -> b.getValue() != a.getValue().longValue() ? Long.compare(b.getValue(), a.getValue())
        : a.getKey().compareTo(b.getKey()));
    for (int n : new int[] {0, 1, 10, counts.size() - 1, counts.size(), counts.size() + 5}) {
      assertEquals(full.subList(0, Math.min(n, full.size())), EventSearcher.top(counts, n), "n=" + n + ", seed " + seed);
    }
  }
}
