package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.UserException;
import org.apiaudit.index.Instants;
import org.apiaudit.index.TinyIndex;
import org.apiaudit.ingest.UrlFields;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each Sigma value modifier matches, counted on four events written as ingest writes them;
 * and the modifiers refused for a field's type, named with file:line, rule and key.
 */
class SigmaModifiersTest {
  @TempDir static Path dir;
  private static TinyIndex index;

  @BeforeAll
  static void index() {
    index = TinyIndex.of(dir, List.of(
        event("2023-06-10T03:15:00Z", "10.0.0.1", "Python-Requests/2.31", "/api/v2/a", "id=1", 200, "GET", "tk-1",
            "https://example.org/home"),
        event("2023-06-10T14:20:00Z", "10.0.1.9", "curl/8.0", "/API/v2/B", "q=UNION SELECT", 404, "POST", "curl/8.0",
            null),
        event("2023-07-01T23:59:00Z", "2001:db8::5", "Mozilla/5.0 (X11)", "/static/x.js", null, 500, "GET", null, null),
        event("2023-06-10T03:45:00Z", "192.168.1.1", null, "/a*b", "data=dW5pb24gc2VsZWN0", 301, "GET", null, null)));
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static Event event(String time, String ip, String ua, String path, String query, long status, String method,
      String principal, String referrer) {
    Event e = new Event().set(Field.TIMESTAMP, Instants.parse(time)).set(Field.SOURCE_IP, ip).set(Field.USER_AGENT, ua)
        .set(Field.URL_PATH, path).set(Field.URL_QUERY, query).set(Field.STATUS, status).set(Field.METHOD, method)
        .set(Field.PRINCIPAL, principal).set(Field.REFERRER, referrer);
    UrlFields.derive(e);
    return e;
  }

  private static DetectionRule rule(String selection) {
    String yaml = RuleLoaderTest.HEAD + "detection:\n    s:\n        " + selection + "\n    condition: s\n";
    return (DetectionRule) new RuleLoader().parse("web/x.yml", yaml.getBytes(StandardCharsets.UTF_8)).get(0);
  }

  /** Events matching a one-selection rule whose selection holds {@code selection} (on line 8). */
  private static int count(String selection) {
    return index.count(new QueryCompiler().compile(rule(selection)));
  }

  private static String error(String selection) {
    return assertThrows(UserException.class, () -> new QueryCompiler().compile(rule(selection))).getMessage();
  }

  private static final String AT = "web/x.yml:8: rule 11111111-2222-3333-4444-555555555555: detection.s.";

  @Test
  void containsStartswithAndEndswithAreCaseInsensitiveSubstrings() {
    assertEquals(2, count("cs-uri-stem|contains: /API/"));
    assertEquals(1, count("cs-user-agent|startswith: MOZILLA"));
    assertEquals(1, count("cs-uri-stem|endswith: .JS"));
    assertEquals(0, count("cs-uri-stem|startswith: api"));
  }

  @Test
  void casedMatchesTheCaseAsWritten() {
    assertEquals(1, count("cs-uri-stem|contains|cased: /API/"));
    assertEquals(0, count("cs-user-agent|startswith|cased: python-requests"));
  }

  @Test
  void valuesAreOredUnlessAllIsGiven() {
    assertEquals(2, count("cs-uri-query|contains: [union, id=]"));
    assertEquals(0, count("cs-uri-query|contains|all: [union, id=]"));
    assertEquals(1, count("cs-uri-query|contains|all: [union, select]"));
  }

  @Test
  void keywordsWithAllMayEachSitInADifferentField() {
    assertEquals(1, count("'|all': [python, /api/]"), "user agent and request target of one event");
    assertEquals(0, count("'|all': [python, union]"));
  }

  @Test
  void wildcardsMatchWholeValuesAndBackslashMakesThemLiteral() {
    assertEquals(2, count("cs-uri-stem: '/a*b'"), "/a*b and /API/v2/B");
    assertEquals(1, count("cs-uri-stem: '/a\\*b'"));
    assertEquals(3, count("cs-method: 'G?T'"));
    assertEquals(0, count("cs-method: 'G?'"));
  }

  @Test
  void regularExpressionsSearchCaseSensitivelyUnlessAskedAndAnchorsAnchor() {
    assertEquals(1, count("cs-uri-query|re: 'UNION\\s+SELECT'"));
    assertEquals(0, count("cs-uri-query|re: 'union'"));
    assertEquals(1, count("cs-uri-query|re|i: 'union'"));
    assertEquals(1, count("cs-uri-query|re: '(?i)union'"));
    assertEquals(1, count("cs-uri-stem|re: '^/static'"));
    assertEquals(0, count("cs-uri-stem|re: '^static'"));
    assertEquals(1, count("cs-uri-stem|re: '\\.js$'"));
    assertEquals(1, count("cs-uri-stem|re|i: '^/[a-z]+/v[0-9]/b$'"), "a folded class range finds /API/v2/B");
  }

  @Test
  void aRegexOutsideSigmasSubsetIsRefusedAtCompile() {
    assertEquals(AT + "cs-uri-stem|re: regular expression uses a non-capturing group (?:...) (a plain group (...)"
        + " matches the same), outside Sigma's regex subset: (?:a)", error("cs-uri-stem|re: '(?:a)'"));
  }

  @Test
  void cidrMatchesIpv4AndIpv6Networks() {
    assertEquals(2, count("c-ip|cidr: 10.0.0.0/23"));
    assertEquals(1, count("c-ip|cidr: 2001:db8::/32"));
    assertEquals(2, count("c-ip|cidr: [10.0.0.0/24, 192.168.0.0/16]"));
    assertEquals(1, count("c-ip: 10.0.0.1"));
    assertEquals(AT + "c-ip|cidr: CIDR prefix length must be 0..32 in source.ip:10.0.0.0/33",
        error("c-ip|cidr: 10.0.0.0/33"));
  }

  @Test
  void ipFieldsRefuseWildcardsAndStringModifiers() {
    assertEquals(AT + "c-ip: wildcards do not apply to IP field source.ip; use |cidr (got: 10.0.*)", error("c-ip: '10.0.*'"));
    assertEquals(AT + "c-ip|contains: field source.ip holds IP addresses; match them exactly or with |cidr",
        error("c-ip|contains: '10'"));
  }

  @Test
  void base64offsetFindsAValueEncodedInsideAParameter() {
    assertEquals(1, count("cs-uri-query|base64offset|contains: union select"));
    assertEquals(0, count("cs-uri-query|base64offset|contains: union selected"));
  }

  @Test
  void base64OffsetsAreTheThreeEncodingsPySigmaGives() {
    assertEquals(List.of("L2Jpbi9iYXNo", "9iaW4vYmFza", "vYmluL2Jhc2"), Base64Offsets.variants(List.of("/bin/bash")));
  }

  @Test
  void neqCountsAnAbsentFieldAsDifferent() {
    assertEquals(1, count("cs-method|neq: GET"));
    assertEquals(3, count("cs-username|neq: tk-1"));
  }

  @Test
  void existsAndNullTestPresence() {
    assertEquals(2, count("cs-username|exists: true"));
    assertEquals(2, count("cs-username|exists: false"));
    assertEquals(1, count("cs-referer|exists: true"), "a field with terms but no doc values");
    assertEquals(2, count("cs-username: null"));
    assertEquals(2, count("cs-username: ''"), "logged empty is stored as absent");
  }

  @Test
  void anEmptySubstringIsInEveryValueButNotInAnAbsentField() {
    assertEquals(2, count("cs-username|contains: ''"));
    assertEquals(2, count("cs-username|startswith: ''"));
    assertEquals(3, count("cs-user-agent|re: ''"));
  }

  @Test
  void fieldrefComparesTwoColumnsOfOneEvent() {
    assertEquals(1, count("cs-user-agent|fieldref: cs-username"));
  }

  @Test
  void numbersCompareNumerically() {
    assertEquals(3, count("sc-status|gt: 300"));
    assertEquals(1, count("sc-status|lt: 300"));
    assertEquals(2, count("sc-status|lte: 301"));
    assertEquals(1, count("sc-status|gte: 500"));
    assertEquals(1, count("sc-status: 404"));
  }

  @Test
  void numericAndKeywordFieldsRefuseModifiersOfOtherTypes() {
    assertEquals(AT + "sc-status|contains: field http.response.status_code is numeric; string modifiers do not apply",
        error("sc-status|contains: '4'"));
    assertEquals(AT + "cs-method|gt: field http.request.method is a keyword; gt/gte/lt/lte/cidr do not apply",
        error("cs-method|gt: a"));
  }

  @Test
  void aKeywordSearchFindsAStatusCodeAsItsText() {
    assertEquals(1, count("- '40'"));
    assertEquals(1, count("- '50'"), "500, not the '5.0' of a user agent");
  }

  @Test
  void timeModifiersTestAPartOfTheUtcTimestamp() {
    assertEquals(2, count("'@timestamp|hour': 3"));
    assertEquals(1, count("'@timestamp|month': 7"));
    assertEquals(2, count("'@timestamp|hour|gte': 14"));
    assertEquals(AT + "@timestamp|hour: a time modifier compares a whole number (an hour, a month); got: three",
        error("'@timestamp|hour': three"));
  }
}
