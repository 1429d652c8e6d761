package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apiaudit.UserException;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of field written by the document builder is found again by {@link FieldQueries},
 * whichever way the schema indexes it (points, terms, doc values only, stored only, or words of
 * another field), and what cannot be asked of a kind is refused naming the field.
 */
class FieldKindsRoundTripTest {
  @TempDir static Path dir;
  private static TinyIndex index;
  private static final String LONG_UA = "Mozilla/5.0 ".repeat(1000);

  @BeforeAll
  static void write() {
    index = TinyIndex.of(dir, List.of(
        event("2023-06-10T08:00:00Z", "10.0.0.1", "Python-Requests/2.31", 200, 512, "GET", "rid-1", "tk-1"),
        event("2023-06-10T09:30:00Z", "2001:db8::7", "curl/8.0", 404, 0, "POST", "rid-2", null),
        event("2023-06-11T00:00:00Z", "unix:", LONG_UA, 500, 2048, "GET", "rid-3", "tk-2")));
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static Event event(String time, String ip, String ua, long status, long bytes, String method, String rid,
      String principal) {
    return new Event().set(Field.TIMESTAMP, Instants.parse(time)).set(Field.SOURCE_IP, ip).set(Field.USER_AGENT, ua)
        .set(Field.STATUS, status).set(Field.BYTES, bytes).set(Field.METHOD, method).set(Field.REQUEST_ID, rid)
        .set(Field.PRINCIPAL, principal).set(Field.ORIGINAL, ip + " \"" + method + " /\" " + status);
  }

  private static int count(Query q) {
    return index.count(q);
  }

  @Test
  void instantsMatchByIsoTextOrEpochAndByRange() {
    assertEquals(1, count(FieldQueries.exact(Field.TIMESTAMP, "2023-06-10T09:30:00Z")));
    assertEquals(1, count(FieldQueries.exact(Field.TIMESTAMP, String.valueOf(Instants.parse("2023-06-11")))));
    assertEquals(2, count(FieldQueries.range(Field.TIMESTAMP, "2023-06-10", "2023-06-11", true, false)));
    assertEquals(3, count(FieldQueries.range(Field.TIMESTAMP, "2023-06-10", null, true, true)));
  }

  @Test
  void numbersWithPointsAndNumbersWithDocValuesOnlyMatchAlike() {
    assertEquals(1, count(FieldQueries.exact(Field.STATUS, "404")));
    assertEquals(1, count(FieldQueries.exact(Field.BYTES, "512")), "bytes: doc values only");
    assertEquals(1, count(FieldQueries.range(Field.STATUS, "404", "500", false, true)));
    assertEquals(2, count(FieldQueries.range(Field.BYTES, "0", "2048", true, false)));
    assertEquals(0, count(FieldQueries.range(Field.STATUS, String.valueOf(Long.MAX_VALUE), null, false, true)));
    assertEquals(3, count(FieldQueries.anyOf(Field.BYTES, List.of("0", "512", "2048"))));
  }

  @Test
  void addressesMatchExactlyAndByNetworkAndAMalformedOneIsLeftOutNotTheEvent() {
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "10.0.0.1")));
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "2001:db8:0:0:0:0:0:7")));
    assertEquals(2, count(FieldQueries.range(Field.SOURCE_IP, null, null, true, true)));
    assertEquals(2, count(FieldQueries.exists(Field.SOURCE_IP)), "'unix:' is no address");
    assertEquals(3, count(new MatchAllDocsQuery()), "its event is indexed");
    assertEquals(1, count(FieldQueries.range(Field.SOURCE_IP, "10.0.0.0", "10.0.0.1", false, true)));
  }

  @Test
  void cidrPrefixesFromWholeFamilyToSingleAddress() {
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "0.0.0.0/0")), "every IPv4 address, no IPv6 one");
    assertEquals(2, count(FieldQueries.exact(Field.SOURCE_IP, "::/0")));
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "10.0.0.1/32")));
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "2001:db8::7/128")));
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "::ffff:10.0.0.0/104")),
        "a mapped base counts IPv6 bits: /104 is the IPv4 /8");
    assertEquals(1, count(FieldQueries.exact(Field.SOURCE_IP, "::ffff:10.0.0.1/128")));
    assertEquals("CIDR prefix length of an IPv4-mapped address must be 96..128 in source.ip:::ffff:10.0.0.0/8",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.SOURCE_IP, "::ffff:10.0.0.0/8")).getMessage(),
        "a /8 in IPv6 notation would span far more than IPv4");
    assertEquals("CIDR prefix length must be 0..128 in source.ip:2001:db8::/129",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.SOURCE_IP, "2001:db8::/129")).getMessage());
    assertEquals("CIDR prefix length must be 0..32 in source.ip:10.0.0.0/-1",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.SOURCE_IP, "10.0.0.0/-1")).getMessage());
  }

  @Test
  void exclusiveBoundsAtTheEndsOfTheAddressSpaceMatchNothing() {
    assertEquals(0, count(FieldQueries.range(Field.SOURCE_IP, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null, false,
        true)));
    assertEquals(0, count(FieldQueries.range(Field.SOURCE_IP, null, "::", true, false)));
    assertEquals(0, count(FieldQueries.range(Field.STATUS, null, String.valueOf(Long.MIN_VALUE), true, false)));
  }

  @Test
  void keywordsMatchByTermOrByDocValuesWithTheSameQueries() {
    assertEquals(2, count(FieldQueries.exact(Field.METHOD, "GET")), "method: doc values only");
    assertEquals(1, count(FieldQueries.exact(Field.REQUEST_ID, "rid-2")), "request id: terms only");
    assertEquals(2, count(FieldQueries.prefix(Field.PRINCIPAL, "tk-")));
    assertEquals(2, count(FieldQueries.wildcard(Field.METHOD, "G?T")));
    assertEquals(1, count(FieldQueries.regexp(Field.METHOD, "po.t", true)));
    assertEquals(0, count(FieldQueries.regexp(Field.METHOD, "po.t", false)));
    assertEquals(3, count(FieldQueries.exists(Field.REQUEST_ID)));
    assertEquals(2, count(FieldQueries.exists(Field.PRINCIPAL)));
    assertEquals(1, count(FieldQueries.range(Field.METHOD, "H", null, true, true)));
    assertEquals(1, count(FieldQueries.range(Field.REQUEST_ID, "rid-2", "rid-3", true, false)));
  }

  @Test
  void aRegexpQueryKeepsItsExpressionAndModeForAnotherEngine() {
    FieldQueries.RegexpAutomatonQuery q =
        (FieldQueries.RegexpAutomatonQuery) FieldQueries.regexp(Field.PRINCIPAL, "TK-[0-9]", true);
    assertEquals("TK-[0-9]", q.regex());
    assertEquals(org.apache.lucene.util.automaton.RegExp.ALL, q.syntaxFlags());
    assertEquals(true, q.caseInsensitive());
    assertEquals("auth.principal:/TK-[0-9]/", q.toString());
    assertEquals("/TK-[0-9]/", q.toString(Field.PRINCIPAL.fieldName()));
    assertEquals(2, count(q));
  }

  @Test
  void anOverlongKeywordIsFoundByItsCutValue() {
    assertEquals(1, count(FieldQueries.exact(Field.USER_AGENT, EventDocumentBuilder.truncate(LONG_UA))));
    assertEquals(0, count(FieldQueries.exact(Field.USER_AGENT, LONG_UA)));
    assertEquals(EventDocumentBuilder.MAX_KEYWORD_CHARS, EventDocumentBuilder.truncate(LONG_UA).length());
  }

  @Test
  void textFieldsMatchWordsOfTheirKeywordSource() {
    assertEquals(1, count(FieldQueries.exact(Field.USER_AGENT_TEXT, "python requests")));
    assertEquals(1, count(FieldQueries.wildcard(Field.USER_AGENT_TEXT, "pyth*")));
    assertEquals(0, count(FieldQueries.exact(Field.USER_AGENT_TEXT, "requests python")), "words in order");
    assertEquals(0, count(FieldQueries.exact(Field.USER_AGENT_TEXT, "/")), "no word: nothing");
    assertEquals(3, count(FieldQueries.exists(Field.USER_AGENT_TEXT)));
  }

  @Test
  void storedLinesAreReadBackAndNeverSearched() throws IOException {
    ScoreDoc first = new org.apache.lucene.search.IndexSearcher(index.reader()).search(new MatchAllDocsQuery(), 1)
        .scoreDocs[0];
    org.apache.lucene.document.Document doc = index.reader().storedFields().document(first.doc);
    assertEquals("10.0.0.1 \"GET /\" 200", EventDocumentBuilder.storedText(doc, Field.ORIGINAL));
    assertEquals("rid-1", EventDocumentBuilder.storedText(doc, Field.REQUEST_ID));
    assertEquals("field event.original is stored for display only and cannot be searched",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.ORIGINAL, "x")).getMessage());
    assertEquals("field event.original cannot be tested for existence",
        assertThrows(UserException.class, () -> FieldQueries.exists(Field.ORIGINAL)).getMessage());
  }

  @Test
  void queriesAKindCannotAnswerAreRefusedNamingTheField() {
    assertEquals("field user_agent.text does not support ranges",
        assertThrows(UserException.class, () -> FieldQueries.range(Field.USER_AGENT_TEXT, "a", "b", true, true)).getMessage());
    assertEquals("field source.ip (ip) does not support prefix queries",
        assertThrows(UserException.class, () -> FieldQueries.prefix(Field.SOURCE_IP, "10.")).getMessage());
    assertEquals("field http.response.status_code takes a whole number; got: 4xx",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.STATUS, "4xx")).getMessage());
    assertEquals("field source.ip takes an IP address or CIDR range; got: example.org",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.SOURCE_IP, "example.org")).getMessage());
    assertEquals("bad CIDR prefix length in source.ip:10.0.0.0/x",
        assertThrows(UserException.class, () -> FieldQueries.exact(Field.SOURCE_IP, "10.0.0.0/x")).getMessage());
    assertEquals("field auth.principal is not a text field",
        assertThrows(UserException.class, () -> FieldQueries.words(Field.PRINCIPAL, "tk")).getMessage());
    assertEquals("time modifiers apply to timestamps; http.response.status_code is not one", assertThrows(
        UserException.class, () -> FieldQueries.timePart(Field.STATUS, java.time.temporal.ChronoField.HOUR_OF_DAY,
            x -> true)).getMessage());
    assertEquals("fieldref compares like with like; http.response.status_code and http.request.method differ in type",
        assertThrows(UserException.class, () -> FieldQueries.sameValue(Field.STATUS, Field.METHOD)).getMessage());
  }

  @Test
  void timePartsAndEqualColumnsAreScannedFromDocValues() {
    assertEquals(2, count(FieldQueries.timePart(Field.TIMESTAMP, java.time.temporal.ChronoField.DAY_OF_MONTH,
        d -> d == 10)));
    assertEquals(0, count(FieldQueries.sameValue(Field.STATUS, Field.BYTES)));
    assertEquals(3, count(FieldQueries.sameValue(Field.METHOD, Field.METHOD)));
  }
}
