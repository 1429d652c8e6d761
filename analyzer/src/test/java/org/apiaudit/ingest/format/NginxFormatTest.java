package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

class NginxFormatTest {
  static final String GATEWAY_EXAMPLE =
      "203.0.113.7 - - [10/Jun/2023:14:22:01 +0530] \"GET /api/v2/registration/certificate/public/"
          + "download?beneficiary_reference_id=48213098765432 HTTP/1.1\" 200 48213 \"-\" "
          + "\"okhttp/4.9.2\" 0.087 \"-\" 7f3c9a1e2b4d citizen tk-9f2e11 48213098765432";

  private static final NginxFormat GATEWAY = NginxFormat.compile("gateway", NginxFormat.GATEWAY);
  private static final NginxFormat COMBINED = NginxFormat.compile("combined", NginxFormat.COMBINED);
  private static final NginxFormat COMMON = NginxFormat.compile("common", NginxFormat.COMMON);

  private static Path external(String name) {
    return Paths.get(System.getProperty("project.root", ".."), "analyzer/src/test/resources/external", name);
  }

  @Test
  void contentTypeVariablesFeedMimeType() {
    NginxFormat f = NginxFormat.compile("ct", "$remote_addr [$time_local] \"$request\" $status \"$content_type\"");
    Event e = ParseRun.of(f, "198.51.100.7 [10/Jun/2023:10:00:00 +0000] \"POST /api HTTP/1.1\" 200 \"application/json\"").only();
    assertEquals("application/json", e.get(Field.MIME_TYPE));
  }

  @Test
  void parsesEveryFieldOfTheGatewayExample() {
    Event e = ParseRun.of(GATEWAY, GATEWAY_EXAMPLE).only();
    assertEquals(1686387121000L, e.getLong(Field.TIMESTAMP));
    assertEquals("203.0.113.7", e.get(Field.SOURCE_IP));
    assertEquals("GET", e.get(Field.METHOD));
    assertEquals("/api/v2/registration/certificate/public/download", e.get(Field.URL_PATH));
    assertEquals("beneficiary_reference_id=48213098765432", e.get(Field.URL_QUERY));
    assertEquals(200L, e.getLong(Field.STATUS));
    assertEquals(48213L, e.getLong(Field.BYTES));
    assertNull(e.get(Field.REFERRER));
    assertEquals("okhttp/4.9.2", e.get(Field.USER_AGENT));
    assertEquals(87L, e.getLong(Field.LATENCY_MS));
    assertNull(e.get(Field.FORWARDED_FOR));
    assertEquals("7f3c9a1e2b4d", e.get(Field.REQUEST_ID));
    assertEquals("citizen", e.get(Field.AUTH_TYPE));
    assertEquals("tk-9f2e11", e.get(Field.PRINCIPAL));
    assertEquals("48213098765432", e.get(Field.SUBJECT_ID));
    assertFalse(e.has(Field.WAF_ACTION));
    assertFalse(e.has(Field.SOURCE_SUBNET));
    assertFalse(e.has(Field.ORIGINAL));
  }

  @Test
  void toleratesCrlfLineEnding() {
    Event e = ParseRun.of(GATEWAY, GATEWAY_EXAMPLE + "\r").only();
    assertEquals("48213098765432", e.get(Field.SUBJECT_ID));
  }

  @Test
  void readsIpv6ClientAndDashFields() {
    Event e =
        ParseRun.of(
                GATEWAY,
                "2001:db8::7 - - [10/Jun/2023:14:22:01 +0530] \"POST /api/v2/auth/public/generateOTP HTTP/2.0\""
                    + " 200 - \"-\" \"-\" - \"198.51.100.4, 10.0.0.1\" - none - -")
            .only();
    assertEquals("2001:db8::7", e.get(Field.SOURCE_IP));
    assertEquals("POST", e.get(Field.METHOD));
    assertNull(e.get(Field.URL_QUERY));
    assertFalse(e.has(Field.BYTES));
    assertFalse(e.has(Field.LATENCY_MS));
    assertNull(e.get(Field.USER_AGENT));
    assertEquals("198.51.100.4, 10.0.0.1", e.get(Field.FORWARDED_FOR));
    assertNull(e.get(Field.REQUEST_ID));
    assertEquals("none", e.get(Field.AUTH_TYPE));
    assertNull(e.get(Field.PRINCIPAL));
    assertNull(e.get(Field.SUBJECT_ID));
  }

  @Test
  void decodesApacheAndNginxEscapedQuotesInUserAgent() {
    Event apache =
        ParseRun.of(
                COMBINED,
                "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozilla \\\"quoted\\\" \\\\x\"")
            .only();
    assertEquals("Mozilla \"quoted\" \\x", apache.get(Field.USER_AGENT));
    Event nginx =
        ParseRun.of(
                COMBINED,
                "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"bot \\x22v2\\x22 \\xD0\\x9F\"")
            .only();
    assertEquals("bot \"v2\" \u041f", nginx.get(Field.USER_AGENT));
  }

  @Test
  void readsUnescapedQuotesInsideUserAgent() {
    Event combined =
        ParseRun.of(
                COMBINED,
                "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozilla \"evil\" bot\"")
            .only();
    assertEquals("Mozilla \"evil\" bot", combined.get(Field.USER_AGENT));
    Event gateway =
        ParseRun.of(
                GATEWAY,
                "203.0.113.7 - - [10/Jun/2023:14:22:01 +0530] \"GET /api/x HTTP/1.1\" 200 1 \"-\""
                    + " \"Mozilla \"evil\" bot\" 0.005 \"-\" r1 none - -")
            .only();
    assertEquals("Mozilla \"evil\" bot", gateway.get(Field.USER_AGENT));
    assertEquals(5L, gateway.getLong(Field.LATENCY_MS));
  }

  @Test
  void keepsRequestWithoutProtocolAndGarbageRequests() {
    Event noProtocol =
        ParseRun.of(COMBINED, "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET /a?b=1\" 400 0 \"-\" \"-\"").only();
    assertEquals("GET", noProtocol.get(Field.METHOD));
    assertEquals("/a", noProtocol.get(Field.URL_PATH));
    assertEquals("b=1", noProtocol.get(Field.URL_QUERY));

    Event tls =
        ParseRun.of(COMBINED, "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"\\x16\\x03\\x01\\x00\" 400 157 \"-\" \"-\"").only();
    assertNull(tls.get(Field.METHOD));
    assertNull(tls.get(Field.URL_PATH));
    assertEquals(400L, tls.getLong(Field.STATUS));

    Event dash = ParseRun.of(COMBINED, "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"-\" 408 0 \"-\" \"-\"").only();
    assertNull(dash.get(Field.METHOD));
    assertEquals(408L, dash.getLong(Field.STATUS));
  }

  @Test
  void keepsTargetContainingSpaces() {
    Event e =
        ParseRun.of(COMBINED, "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET /a b?c d HTTP/1.0\" 404 1 \"-\" \"-\"").only();
    assertEquals("/a b", e.get(Field.URL_PATH));
    assertEquals("c d", e.get(Field.URL_QUERY));
  }

  @Test
  void rejectsMalformedLineAmongGoodOnesWithReason() {
    ParseRun run =
        ParseRun.of(
            GATEWAY,
            GATEWAY_EXAMPLE,
            GATEWAY_EXAMPLE.replace("10/Jun/2023", "10/Jum/2023"),
            GATEWAY_EXAMPLE.replace(" 200 ", " 2x0 "),
            "999.1.1.1" + GATEWAY_EXAMPLE.substring("203.0.113.7".length()),
            GATEWAY_EXAMPLE.substring(0, GATEWAY_EXAMPLE.lastIndexOf(' ')),
            "",
            GATEWAY_EXAMPLE);
    assertEquals(2, run.events.size());
    assertEquals(
        List.of(
            "2: bad timestamp '10/Jum/2023:14:22:01 +0530'",
            "3: bad status '2x0'",
            "4: bad client address '999.1.1.1'",
            "5: expected ' ' after $principal at column 210",
            "6: empty line"),
        run.rejects);
  }

  @Test
  void rejectsLineCutInsideQuotedField() {
    ParseRun run = ParseRun.of(COMBINED, "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"http://ref");
    assertEquals(List.of("1: expected '\" \"' after $http_referer at column 67"), run.rejects);
  }

  @Test
  void keepsLastFieldWhoseClosingQuoteIsMissing() {
    Event e = ParseRun.of(COMBINED, "10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozill").only();
    assertEquals("Mozill", e.get(Field.USER_AGENT));
  }

  @Test
  void toleratesTrailingExtraFields() {
    Event e =
        ParseRun.of(
                COMBINED,
                "10.1.2.3 - bob [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"http://r/\" \"UA\" \"-\" 0.1 x")
            .only();
    assertEquals("UA", e.get(Field.USER_AGENT));
    assertEquals("http://r/", e.get(Field.REFERRER));
    assertEquals("bob", e.get(Field.PRINCIPAL));
  }

  @Test
  void compilesCustomFormatWithBracedVariablesAndIgnoredOnes() {
    NginxFormat custom =
        NginxFormat.compile(
            "custom",
            "log_format main '${msec}|$remote_addr|$host|$request_method $uri?$args|${status}ms' '|$request_time';");
    assertEquals("${msec}|$remote_addr|$host|$request_method $uri?$args|${status}ms|$request_time", custom.logFormat());
    Event e = ParseRun.of(custom, "1686387121.123|::1|example.org|GET /x?a=1|204ms|0.250").only();
    assertEquals(1686387121123L, e.getLong(Field.TIMESTAMP));
    assertEquals("::1", e.get(Field.SOURCE_IP));
    assertEquals("GET", e.get(Field.METHOD));
    assertEquals("/x", e.get(Field.URL_PATH));
    assertEquals("a=1", e.get(Field.URL_QUERY));
    assertEquals(204L, e.getLong(Field.STATUS));
    assertEquals(250L, e.getLong(Field.LATENCY_MS));
  }

  @Test
  void readsIsoTimeVariable() {
    NginxFormat iso = NginxFormat.compile("iso", "$remote_addr [$time_iso8601] \"$request\" $status");
    Event e = ParseRun.of(iso, "10.0.0.1 [2023-06-10T14:22:01+05:30] \"GET / HTTP/1.1\" 200").only();
    assertEquals(1686387121000L, e.getLong(Field.TIMESTAMP));
  }

  @Test
  void refusesFormatWithoutVariables() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NginxFormat.compile("x", "plain text"));
    assertEquals("log format 'x' has no $variable: 'plain text'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NginxFormat.compile("y", "${status"));
    assertEquals("log format 'y': unterminated '${' at column 1", e.getMessage());
  }

  @Test
  void sniffPrefersTheMostSpecificFormatThatParses() {
    List<String> gatewayLines = List.of(GATEWAY_EXAMPLE);
    assertEquals(94, GATEWAY.sniff(gatewayLines));
    assertEquals(88, COMBINED.sniff(gatewayLines));
    assertEquals(86, COMMON.sniff(gatewayLines));
    List<String> combinedLines =
        List.of("10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"UA\"");
    assertEquals(0, GATEWAY.sniff(combinedLines));
    assertEquals(88, COMBINED.sniff(combinedLines));
  }

  @Test
  void parsesAllApacheLogsFromElasticExamples() throws Exception {
    ParseRun run = ParseRun.of(COMBINED, external("apache_logs"));
    assertEquals(List.of(), run.rejects.subList(0, Math.min(10, run.rejects.size())));
    assertEquals(10000, run.events.size());
    Event first = run.events.get(0);
    assertEquals("83.149.9.216", first.get(Field.SOURCE_IP));
    assertEquals(1431857103000L, first.getLong(Field.TIMESTAMP));
    assertEquals("/presentations/logstash-monitorama-2013/images/kibana-search.png", first.get(Field.URL_PATH));
    assertEquals(203023L, first.getLong(Field.BYTES));
  }

  @Test
  void parsesAllOfTheLnavShopLog() throws Exception {
    ParseRun run = ParseRun.of(COMBINED, external("logfile_shop_access_log.0"));
    assertEquals(List.of(), run.rejects.subList(0, Math.min(10, run.rejects.size())));
    assertEquals(1000, run.events.size());
    Event first = run.events.get(0);
    assertEquals(1548116774000L, first.getLong(Field.TIMESTAMP));
    assertEquals("Mozilla/5.0 (compatible; AhrefsBot/6.1; +http://ahrefs.com/robot/)", first.get(Field.USER_AGENT));
    assertTrue(run.events.stream().allMatch(e -> e.has(Field.STATUS)));
  }
}
