package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

class W3cFormatTest {
  private static final LogFormat W3C = FormatRegistry.byName("w3c", ZoneOffset.UTC);

  @Test
  void readsTheRequestContentTypeIntoMimeType() {
    ParseRun run = ParseRun.of(W3C,
        "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(Content-Type)",
        "2023-06-10 10:00:00 198.51.100.7 POST /upload - 200 multipart/form-data;+boundary=x");
    assertEquals(List.of(), run.rejects);
    assertEquals("multipart/form-data;+boundary=x", run.events.get(0).get(Field.MIME_TYPE));
  }

  @Test
  void readsIisLinesAndFollowsMidFileFieldsChange() {
    ParseRun run =
        ParseRun.of(
            W3C,
            "#Software: Microsoft Internet Information Services 8.5",
            "#Version: 1.0",
            "#Date: 2015-01-13 00:32:17",
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken",
            "2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80 - 157.55.39.146 Mozilla/5.0+(compatible;+bingbot/2.0) - 404 0 2 1405 242 283",
            "#Fields: time date c-ip cs-method cs-uri-stem cs-uri-query sc-status time-taken cs-username x-forwarded-for",
            "00:32:18 2015-01-13 2001:db8::9 POST /login a=1&b=2 302 15 alice 198.51.100.1\r");
    assertEquals(List.of(), run.rejects);
    assertEquals(5, run.directives);
    Event iis = run.events.get(0);
    assertEquals(1421109137000L, iis.getLong(Field.TIMESTAMP));
    assertEquals("157.55.39.146", iis.get(Field.SOURCE_IP));
    assertEquals("GET", iis.get(Field.METHOD));
    assertEquals("/robots.txt", iis.get(Field.URL_PATH));
    assertNull(iis.get(Field.URL_QUERY));
    assertEquals("Mozilla/5.0 (compatible; bingbot/2.0)", iis.get(Field.USER_AGENT));
    assertEquals(404L, iis.getLong(Field.STATUS));
    assertEquals(1405L, iis.getLong(Field.BYTES));
    assertEquals(283L, iis.getLong(Field.LATENCY_MS));
    Event changed = run.events.get(1);
    assertEquals(1421109138000L, changed.getLong(Field.TIMESTAMP));
    assertEquals("2001:db8::9", changed.get(Field.SOURCE_IP));
    assertEquals("a=1&b=2", changed.get(Field.URL_QUERY));
    assertEquals(302L, changed.getLong(Field.STATUS));
    assertEquals(15L, changed.getLong(Field.LATENCY_MS));
    assertEquals("alice", changed.get(Field.PRINCIPAL));
    assertEquals("198.51.100.1", changed.get(Field.FORWARDED_FOR));
  }

  @Test
  void readsCloudFrontTabSeparatedWithSecondsAndEncodedUserAgent() {
    Event e =
        ParseRun.of(
                W3C,
                "#Version: 1.0",
                "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken",
                "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)\t-\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001")
            .only();
    assertEquals(1575493351000L, e.getLong(Field.TIMESTAMP));
    assertEquals("192.0.2.100", e.get(Field.SOURCE_IP));
    assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", e.get(Field.USER_AGENT));
    assertEquals("SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==", e.get(Field.REQUEST_ID));
    assertEquals(1L, e.getLong(Field.LATENCY_MS));
    assertEquals(392L, e.getLong(Field.BYTES));
  }

  @Test
  void rejectsDataBeforeFieldsAndWrongFieldCount() {
    ParseRun run =
        ParseRun.of(
            W3C,
            "2015-01-13 00:32:17 1.2.3.4",
            "#Fields: date time c-ip",
            "2015-01-13 00:32:17 1.2.3.4 extra",
            "2015-01-13 25:32:17 1.2.3.4");
    assertEquals(
        List.of(
            "1: data line before any #Fields: directive",
            "3: expected 3 fields as #Fields: declares, found 4",
            "4: bad timestamp '2015-01-13 25:32:17'"),
        run.rejects);
  }
}
