package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
  private static final LogFormat SIEM = FormatRegistry.byName("siem-csv", ZoneOffset.UTC);
  private static final String HEADER =
      "timestamp,client_ip,method,url,status,bytes,user_agent,auth_type,principal,subject";

  @Test
  void parsesSiemRowWithUrlSplit() {
    ParseRun run =
        ParseRun.of(
            SIEM,
            HEADER,
            "2023-06-10T14:22:01.123+05:30,203.0.113.7,GET,/api/v2/partner/beneficiary/lookup?mobile=9876543210,"
                + "200,512,okhttp/4.9.2,partner,p-acme,9876543210");
    Event e = run.only();
    assertEquals(1, run.directives);
    assertEquals(1686387121123L, e.getLong(Field.TIMESTAMP));
    assertEquals("203.0.113.7", e.get(Field.SOURCE_IP));
    assertEquals("GET", e.get(Field.METHOD));
    assertEquals("/api/v2/partner/beneficiary/lookup", e.get(Field.URL_PATH));
    assertEquals("mobile=9876543210", e.get(Field.URL_QUERY));
    assertEquals(200L, e.getLong(Field.STATUS));
    assertEquals(512L, e.getLong(Field.BYTES));
    assertEquals("okhttp/4.9.2", e.get(Field.USER_AGENT));
    assertEquals("partner", e.get(Field.AUTH_TYPE));
    assertEquals("p-acme", e.get(Field.PRINCIPAL));
    assertEquals("9876543210", e.get(Field.SUBJECT_ID));
  }

  @Test
  void readsReorderedColumnsQuotedCommasDoubledQuotesAndUnknownColumns() {
    Event e =
        ParseRun.of(
                SIEM,
                "\uFEFFsubject,extra,User_Agent,timestamp,url,client_ip,status\r",
                "-,ignored,\"Mozilla/5.0 (X11, Linux) \"\"quoted\"\"\",2023-06-10T09:00:00Z,\"/a?b=1,2\",::1,404\r")
            .only();
    assertNull(e.get(Field.SUBJECT_ID));
    assertEquals("Mozilla/5.0 (X11, Linux) \"quoted\"", e.get(Field.USER_AGENT));
    assertEquals(1686387600000L, e.getLong(Field.TIMESTAMP));
    assertEquals("/a", e.get(Field.URL_PATH));
    assertEquals("b=1,2", e.get(Field.URL_QUERY));
    assertEquals("::1", e.get(Field.SOURCE_IP));
    assertEquals(404L, e.getLong(Field.STATUS));
  }

  @Test
  void rejectsEveryRowWhenHeaderLacksTimestamp() {
    ParseRun run = ParseRun.of(SIEM, "client_ip,url", "10.0.0.1,/a", "10.0.0.2,/b");
    assertEquals(
        List.of(
            "2: CSV header has no 'timestamp' column (got: client_ip,url)",
            "3: CSV header has no 'timestamp' column (got: client_ip,url)"),
        run.rejects);
  }

  @Test
  void rejectsShortRowsUnterminatedQuotesAndBadValues() {
    ParseRun run =
        ParseRun.of(
            SIEM,
            "timestamp,client_ip,status",
            "2023-06-10T09:00:00Z,10.0.0.1,200",
            "2023-06-10T09:00:00Z,10.0.0.1",
            "2023-06-10T09:00:00Z,\"10.0.0.1,200",
            "2023-06-10T09:00:00,10.0.0.1,2OO",
            "2023-06-10T09:00:00Z,10.0.0.1,200,extra");
    assertEquals(2, run.events.size());
    assertEquals(
        List.of(
            "3: expected 3 columns, found 2",
            "4: unterminated quote at column 22",
            "5: bad status '2OO'"),
        run.rejects);
  }

  @Test
  void keepsStrayQuotesInsideQuotedField() {
    LogFormat apache = FormatRegistry.byName("apache-csv", ZoneOffset.UTC);
    Event e =
        ParseRun.of(
                apache,
                "\"Host\",\"Log Name\",\"Date Time\",\"Time Zone\",\"Method\",\"URL\",\"Response Code\",\"Bytes Sent\",\"Referer\",\"User Agent\"",
                "\"78.46.34.77\",\"-\",\"2018-03-19 18:19:42\",\"GMT-0700\",\"GET\",\"/r/index.php?blogId=54'\\\"\\\\'\\\\\\\">X\",404,495,\"-\",\"-\"")
            .only();
    assertEquals(1521508782000L, e.getLong(Field.TIMESTAMP));
    assertEquals("/r/index.php", e.get(Field.URL_PATH));
    assertEquals("blogId=54'\\\"\\\\'\\\\\\\">X", e.get(Field.URL_QUERY));
    assertEquals(495L, e.getLong(Field.BYTES));
    assertNull(e.get(Field.USER_AGENT));
  }

  @Test
  void readsBackslashEscapedQuoteBeforeClosingQuote() {
    LogFormat apache = FormatRegistry.byName("apache-csv", ZoneOffset.UTC);
    Event e =
        ParseRun.of(
                apache,
                "\"Host\",\"Log Name\",\"Date Time\",\"Time Zone\",\"Method\",\"URL\",\"Response Code\",\"Bytes Sent\",\"Referer\",\"User Agent\"",
                "\"213.251.182.110\",\"-\",\"2015-11-23 14:20:38\",\"GMT-0800\",\"GET\",\"/r/index.php?blogId=88'\\\"\",404,476,\"-\",\"Mozilla/4.0\"")
            .only();
    assertEquals(1448317238000L, e.getLong(Field.TIMESTAMP));
    assertEquals("blogId=88'\\\"", e.get(Field.URL_QUERY));
    assertEquals(404L, e.getLong(Field.STATUS));
    assertEquals("Mozilla/4.0", e.get(Field.USER_AGENT));
  }

  @Test
  void sniffRecognisesItsHeader() {
    assertEquals(100, SIEM.sniff(List.of(HEADER)));
    assertEquals(55, SIEM.sniff(List.of("timestamp,foo")));
    assertEquals(0, SIEM.sniff(List.of("time,foo")));
  }
}
