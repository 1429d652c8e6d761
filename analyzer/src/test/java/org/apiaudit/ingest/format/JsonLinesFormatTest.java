package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {
  static final String GATEWAY_JSON =
      "{\"ts\":\"2023-06-10T14:22:01.123+05:30\",\"request_id\":\"7f3c9a1e2b4d\",\"client_ip\":\"203.0.113.7\","
          + "\"xff\":null,\"method\":\"GET\",\"path\":\"/api/v2/registration/certificate/public/download\","
          + "\"query\":\"beneficiary_reference_id=48213098765432\",\"status\":200,\"bytes\":48213,"
          + "\"latency_ms\":87,\"user_agent\":\"okhttp/4.9.2\",\"referrer\":null,\"waf\":\"allow\","
          + "\"auth\":{\"type\":\"citizen\",\"principal\":\"tk-9f2e11\",\"facility\":null,\"district\":null},"
          + "\"subject\":\"48213098765432\"}";

  private static final LogFormat GATEWAY = FormatRegistry.byName("gateway-json", ZoneOffset.UTC);

  @Test
  void parsesEveryFieldOfTheGatewayJsonExample() {
    Event e = ParseRun.of(GATEWAY, GATEWAY_JSON).only();
    assertEquals(1686387121123L, e.getLong(Field.TIMESTAMP));
    assertEquals("7f3c9a1e2b4d", e.get(Field.REQUEST_ID));
    assertEquals("203.0.113.7", e.get(Field.SOURCE_IP));
    assertNull(e.get(Field.FORWARDED_FOR));
    assertEquals("GET", e.get(Field.METHOD));
    assertEquals("/api/v2/registration/certificate/public/download", e.get(Field.URL_PATH));
    assertEquals("beneficiary_reference_id=48213098765432", e.get(Field.URL_QUERY));
    assertEquals(200L, e.getLong(Field.STATUS));
    assertEquals(48213L, e.getLong(Field.BYTES));
    assertEquals(87L, e.getLong(Field.LATENCY_MS));
    assertEquals("okhttp/4.9.2", e.get(Field.USER_AGENT));
    assertNull(e.get(Field.REFERRER));
    assertEquals("allow", e.get(Field.WAF_ACTION));
    assertEquals("citizen", e.get(Field.AUTH_TYPE));
    assertEquals("tk-9f2e11", e.get(Field.PRINCIPAL));
    assertNull(e.get(Field.FACILITY));
    assertNull(e.get(Field.DISTRICT));
    assertEquals("48213098765432", e.get(Field.SUBJECT_ID));
  }

  @Test
  void ignoresUnknownKeysArraysAndObjects() {
    Event e =
        ParseRun.of(
                GATEWAY,
                "{\"extra\":{\"a\":[1,{\"b\":2}]},\"ts\":\"2023-06-10T09:00:00Z\",\"tags\":[\"x\",null],"
                    + "\"client_ip\":\"2001:db8::1\",\"method\":\"POST\",\"path\":\"/api/v2/vaccinator/login\","
                    + "\"status\":401,\"auth\":{\"type\":\"vaccinator\",\"facility\":\"F12\",\"district\":\"D3\",\"more\":{}},"
                    + "\"bytes\":null}")
            .only();
    assertEquals(1686387600000L, e.getLong(Field.TIMESTAMP));
    assertEquals("2001:db8::1", e.get(Field.SOURCE_IP));
    assertEquals("F12", e.get(Field.FACILITY));
    assertEquals("D3", e.get(Field.DISTRICT));
    assertFalse(e.has(Field.BYTES));
    assertFalse(e.has(Field.LATENCY_MS));
  }

  @Test
  void rejectsBrokenJsonMissingTimeAndBadValues() {
    ParseRun run =
        ParseRun.of(
            GATEWAY,
            GATEWAY_JSON,
            "{\"ts\":\"2023-06-10T09:00:00Z\",\"status\":",
            "{\"method\":\"GET\",\"status\":200}",
            "{\"ts\":\"2023-06-31T09:00:00Z\",\"status\":200}",
            "{\"ts\":\"2023-06-10T09:00:00Z\",\"client_ip\":\"localhost\",\"status\":200}",
            "plain text");
    assertEquals(1, run.events.size());
    assertEquals("2: bad JSON at column 39: Unexpected end-of-input within/between Object entries", run.rejects.get(0));
    assertEquals(
        List.of(
            "3: missing timestamp 'ts'",
            "4: bad timestamp '2023-06-31T09:00:00Z'",
            "5: bad client address 'localhost'",
            "6: not a JSON object"),
        run.rejects.subList(1, 5));
  }

  @Test
  void readsZoneLessTimesInConfiguredZone() {
    LogFormat kolkata = FormatRegistry.byName("gateway-json", ZoneId.of("Asia/Kolkata"));
    Event e = ParseRun.of(kolkata, "{\"ts\":\"2023-06-10 14:22:01\",\"status\":200}").only();
    assertEquals(1686387121000L, e.getLong(Field.TIMESTAMP));
  }

  @Test
  void readsCaddyAccessRecordsBehindComposePrefix() {
    LogFormat caddy = FormatRegistry.byName("caddy", ZoneOffset.UTC);
    ParseRun run =
        ParseRun.of(
            caddy,
            "caddy  | {\"level\":\"info\",\"ts\":1761019822.3152757,\"msg\":\"maxprocs\"}",
            "caddy  | {\"level\":\"info\",\"ts\":1761019828.6153953,\"logger\":\"http.log.access\",\"request\":"
                + "{\"remote_ip\":\"172.19.0.1\",\"client_ip\":\"172.19.0.1\",\"method\":\"GET\",\"uri\":\"/a?b=c\","
                + "\"headers\":{\"User-Agent\":[\"Mozilla/5.0 (X11)\"],\"Cookie\":[\"REDACTED\"]}},"
                + "\"user_id\":\"\",\"duration\":0.001674508,\"size\":0,\"status\":304}");
    assertEquals(List.of("1: no method, url or status: not an access record"), run.rejects);
    Event e = run.events.get(0);
    assertEquals(1761019828615L, e.getLong(Field.TIMESTAMP));
    assertEquals("172.19.0.1", e.get(Field.SOURCE_IP));
    assertEquals("/a", e.get(Field.URL_PATH));
    assertEquals("b=c", e.get(Field.URL_QUERY));
    assertEquals("Mozilla/5.0 (X11)", e.get(Field.USER_AGENT));
    assertEquals(1L, e.getLong(Field.LATENCY_MS));
    assertEquals(0L, e.getLong(Field.BYTES));
    assertNull(e.get(Field.PRINCIPAL));
  }

  @Test
  void readsUserMappingFileWithUrlAndLatencyUnit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("edge.json");
    Files.writeString(
        file,
        "{\"name\":\"edge\",\"time\":\"epoch_ms\",\"latency_unit\":\"us\",\"fields\":{"
            + "\"time\":\"t\",\"ip\":\"req.addr\",\"url\":\"req.url\",\"status\":\"code\",\"latency\":\"us\"}}");
    LogFormat edge = FormatRegistry.jsonMapping(file, ZoneOffset.UTC);
    assertEquals("edge", edge.name());
    Event e =
        ParseRun.of(edge, "{\"t\":1686387121123,\"req\":{\"addr\":\"[2001:db8::2]:443\",\"url\":\"/x?y=1\"},\"code\":\"204\",\"us\":15999}")
            .only();
    assertEquals(1686387121123L, e.getLong(Field.TIMESTAMP));
    assertEquals("2001:db8::2", e.get(Field.SOURCE_IP));
    assertEquals("/x", e.get(Field.URL_PATH));
    assertEquals("y=1", e.get(Field.URL_QUERY));
    assertEquals(204L, e.getLong(Field.STATUS));
    assertEquals(15L, e.getLong(Field.LATENCY_MS));
  }

  @Test
  void sniffScoresGatewayJsonHighestOnItsOwnLines() {
    List<String> lines = List.of(GATEWAY_JSON);
    assertEquals(100, GATEWAY.sniff(lines));
    assertEquals(0, FormatRegistry.byName("caddy", ZoneOffset.UTC).sniff(lines));
    assertEquals(0, GATEWAY.sniff(List.of(NginxFormatTest.GATEWAY_EXAMPLE)));
  }

  @Test
  void jsonBeyondJacksonsLimitsIsARejectWithAReason() {
    String base = GATEWAY_JSON.substring(0, GATEWAY_JSON.length() - 1);
    ParseRun run = ParseRun.of(GATEWAY,
        base + ",\"deep\":" + "[".repeat(1001) + "]".repeat(1001) + "}",
        base + ",\"long\":" + "1".repeat(1001) + "}",
        GATEWAY_JSON);
    assertEquals(1, run.events.size(), run.toString());
    assertEquals(2, run.rejects.size(), run.toString());
    assertTrue(run.rejects.get(0).startsWith("1: JSON beyond the parser's limits at column "), run.rejects.get(0));
    assertTrue(run.rejects.get(0).contains("nesting depth"), run.rejects.get(0));
    assertTrue(run.rejects.get(1).startsWith("2: JSON beyond the parser's limits at column "), run.rejects.get(1));
  }

  @Test
  void sniffingTreatsJsonBeyondLimitsAsNotThisFormat() {
    assertEquals(0, GATEWAY.sniff(List.of("{\"ts\":" + "[".repeat(1001))));
  }
}
