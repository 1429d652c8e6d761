package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

/**
 * Edge web-server logs as they come off real machines: syslog-wrapped access lines,
 * vhost-prefixed lines, lines without the remote-user field, absolute-URI and CONNECT requests,
 * the host a request named, and nginx's error log. Lines are shaped like the CrowdSec hub's test
 * logs and Debian's default Apache/nginx configuration.
 */
class EdgeLogFormatsTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static final String COMBINED_LINE =
      "81.150.104.130 - - [15/Sep/2021:16:13:46 +0000] \"POST /wp-login.php HTTP/1.1\" 200 5364 \"-\" "
          + "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:64.0) Gecko/20100101 Firefox/64.0\"";
  private static final String SYSLOG_LINE =
      "Sep 15 16:13:46 ip-172-31-43-28.us-east-2.compute.internal nginx[2869]: " + COMBINED_LINE;

  private static LogFormat detect(String... lines) {
    LogFormat f = FormatRegistry.detect(List.of(lines), UTC);
    assertNotNull(f, "no format detected");
    return f;
  }

  @Test
  void syslogWrappedNginxLinesAreDetectedAndReadAsTheirMessage() {
    LogFormat f = detect(SYSLOG_LINE, SYSLOG_LINE.replace("16:13:46", "16:13:47"));
    assertEquals("syslog+combined", f.name());
    ParseRun run = ParseRun.of(f, SYSLOG_LINE);
    assertEquals(List.of(), run.rejects);
    Event e = run.events.get(0);
    assertEquals("81.150.104.130", e.get(Field.SOURCE_IP));
    assertEquals("POST", e.get(Field.METHOD));
    assertEquals("/wp-login.php", e.get(Field.URL_PATH));
    assertEquals(1631722426000L, e.getLong(Field.TIMESTAMP), "the inner line's time, not the syslog stamp");
  }

  @Test
  void syslogWithPriorityAndRfc5424AndSingleDigitDaysAreUnwrapped() {
    String apache = "10.0.0.7 - - [05/Mar/2024:09:01:02 +0100] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl/8.0\"";
    assertEquals(apache, unwrap("<190>Mar  5 09:01:02 web1 apache2[77]: " + apache));
    assertEquals(apache, unwrap("<134>1 2024-03-05T08:01:02.003Z web1 httpd 77 - - " + apache));
    assertEquals(apache, unwrap("Mar 15 09:01:02 web1 httpd: " + apache));
    assertEquals(-1, SyslogWrapped.messageStart(apache));
    assertEquals(-1, SyslogWrapped.messageStart("Mar 15 09:01:02 web1 no tag here"));
  }

  private static String unwrap(String line) {
    int start = SyslogWrapped.messageStart(line);
    assertTrue(start > 0, line);
    return line.substring(start);
  }

  @Test
  void aSyslogFileLineWithoutThePrefixIsRejectedNamingWhatWasExpected() {
    LogFormat f = FormatRegistry.byName("syslog+combined", UTC);
    ParseRun run = ParseRun.of(f, SYSLOG_LINE, COMBINED_LINE, "Sep 15 16:13:48 host nginx[1]: garbage");
    assertEquals(1, run.events.size());
    assertEquals(2, run.rejects.size());
    assertTrue(run.rejects.get(0).startsWith("2: expected a syslog prefix"), run.rejects.toString());
    assertTrue(run.rejects.get(1).startsWith("3: "), run.rejects.toString());
  }

  @Test
  void vhostPrefixedCombinedLinesAreDetectedAndKeepTheVirtualHost() {
    String line = "www.example.org:443 203.0.113.9 - - [10/Oct/2023:10:22:41 +0200] \"GET /shop?id=4 HTTP/1.1\" 200 "
        + "5120 \"https://www.example.org/\" \"Mozilla/5.0\"";
    LogFormat f = detect(line, line);
    assertEquals("vhost-combined", f.name());
    Event e = ParseRun.of(f, line).events.get(0);
    assertEquals("www.example.org", e.get(Field.URL_DOMAIN));
    assertEquals("203.0.113.9", e.get(Field.SOURCE_IP));
    assertEquals("/shop", e.get(Field.URL_PATH));
    assertEquals("id=4", e.get(Field.URL_QUERY));
  }

  @Test
  void plainCombinedLinesAreNotMistakenForVhostLines() {
    assertEquals("combined", detect(COMBINED_LINE, COMBINED_LINE).name());
    ParseRun asVhost = ParseRun.of(FormatRegistry.byName("vhost-combined", UTC), COMBINED_LINE);
    assertEquals(1, asVhost.rejects.size(), "a combined line has no virtual host in front");
  }

  @Test
  void aMissingRemoteUserFieldIsTolerated() {
    String line = "198.51.100.4 - [29/Sep/2021:15:49:49 +0200] \"GET /index.php HTTP/1.1\" 404 162 \"-\" \"curl/7.68.0\"";
    LogFormat f = detect(line, line);
    assertEquals("combined", f.name());
    ParseRun run = ParseRun.of(f, line);
    assertEquals(List.of(), run.rejects);
    Event e = run.events.get(0);
    assertEquals("198.51.100.4", e.get(Field.SOURCE_IP));
    assertNull(e.get(Field.PRINCIPAL));
    assertEquals(404, e.getLong(Field.STATUS));
    assertEquals("curl/7.68.0", e.get(Field.USER_AGENT));
  }

  @Test
  void absoluteUriRequestsKeepTheirHostAndTheirPathAsThePath() {
    String line = "127.0.0.2 - - [08/Aug/2022:21:18:26 +0000] \"GET http://www.SBJudge4.com:80/ip4.php?x=1 HTTP/1.0\" 400 255 "
        + "\"-\" \"-\" \"-\"";
    Event e = ParseRun.of(FormatRegistry.byName("combined", UTC), line).events.get(0);
    assertEquals("www.sbjudge4.com", e.get(Field.URL_DOMAIN));
    assertEquals("http", e.get(Field.URL_SCHEME));
    assertEquals("/ip4.php", e.get(Field.URL_PATH));
    assertEquals("x=1", e.get(Field.URL_QUERY));
    assertEquals("1.0", e.get(Field.HTTP_VERSION));
  }

  @Test
  void connectRequestsNameAHostNotAPath() {
    String line = "127.0.0.1 - - [24/Sep/2021:06:20:32 +0000] \"CONNECT foo.com:25 HTTP/1.1\" 400 166 \"-\" \"-\"";
    Event e = ParseRun.of(FormatRegistry.byName("combined", UTC), line).events.get(0);
    assertEquals("CONNECT", e.get(Field.METHOD));
    assertEquals("foo.com", e.get(Field.URL_DOMAIN));
    assertNull(e.get(Field.URL_PATH));
    assertNull(e.get(Field.URL_SCHEME), "no absolute URI");
  }

  @Test
  void originFormRequestsHaveNoDomainButTheirVersion() {
    Event e = ParseRun.of(FormatRegistry.byName("combined", UTC), COMBINED_LINE).events.get(0);
    assertNull(e.get(Field.URL_DOMAIN));
    assertNull(e.get(Field.URL_SCHEME));
    assertEquals("1.1", e.get(Field.HTTP_VERSION));
    String odd = COMBINED_LINE.replace("HTTP/1.1", "HTTP/1.2");
    assertEquals("1.2", ParseRun.of(FormatRegistry.byName("combined", UTC), odd).events.get(0).get(Field.HTTP_VERSION));
  }

  @Test
  void nginxHostVariablesFeedTheDomain() {
    LogFormat f = FormatRegistry.nginx("$remote_addr [$time_local] \"$request\" $status $http_host", UTC);
    Event e = ParseRun.of(f, "203.0.113.5 [10/Oct/2023:10:22:41 +0000] \"GET / HTTP/2.0\" 200 API.Example.org:8443")
        .events.get(0);
    assertEquals("api.example.org", e.get(Field.URL_DOMAIN));
    LogFormat g = FormatRegistry.nginx("$host $remote_addr [$time_local] \"$request\" $status", UTC);
    Event v6 = ParseRun.of(g, "[2001:db8::1]:443 203.0.113.5 [10/Oct/2023:10:22:41 +0000] \"GET / HTTP/2.0\" 200")
        .events.get(0);
    assertEquals("[2001:db8::1]", v6.get(Field.URL_DOMAIN));
  }

  @Test
  void jsonMappingsReadTheHost() {
    LogFormat traefik = FormatRegistry.byName("traefik", UTC);
    String line = "{\"ClientHost\":\"127.0.0.1\",\"RequestHost\":\"Backend.example.org\",\"RequestMethod\":\"GET\","
        + "\"RequestPath\":\"/\",\"DownstreamStatus\":404,\"StartLocal\":\"2023-10-10T10:00:00Z\"}";
    ParseRun run = ParseRun.of(traefik, line);
    assertEquals(List.of(), run.rejects);
    assertEquals("backend.example.org", run.events.get(0).get(Field.URL_DOMAIN));
  }

  @Test
  void nginxErrorLinesAreTheirOwnFormat() {
    String line = "2021/09/30 09:23:53 [error] 1925800#1925800: *17 user \"foo\" was not found in \"/tmp/a.htpasswd\", "
        + "client: 127.0.0.1, server: _, request: \"GET /admin/?q=1 HTTP/1.1\", host: \"localhost\"";
    String notice = "2021/09/30 09:20:01 [notice] 1925799#1925799: signal process started";
    LogFormat f = detect(line, notice);
    assertEquals("nginx-error", f.name());
    ParseRun run = ParseRun.of(f, line, notice);
    assertEquals(List.of(), run.rejects);
    Event e = run.events.get(0);
    assertEquals(1632993833000L, e.getLong(Field.TIMESTAMP));
    assertEquals("error", e.get(Field.LOG_LEVEL));
    assertEquals("127.0.0.1", e.get(Field.SOURCE_IP));
    assertEquals("GET", e.get(Field.METHOD));
    assertEquals("/admin/", e.get(Field.URL_PATH));
    assertEquals("q=1", e.get(Field.URL_QUERY));
    assertEquals("localhost", e.get(Field.URL_DOMAIN));
    assertEquals("user \"foo\" was not found in \"/tmp/a.htpasswd\"", e.get(Field.MESSAGE));
    assertFalse(e.has(Field.STATUS));
    Event n = run.events.get(1);
    assertEquals("notice", n.get(Field.LOG_LEVEL));
    assertEquals("signal process started", n.get(Field.MESSAGE));
    assertNull(n.get(Field.SOURCE_IP));
  }

  @Test
  void nginxErrorTimesAreLocalToTheGivenZone() {
    LogFormat f = FormatRegistry.byName("nginx-error", ZoneId.of("Asia/Kolkata"));
    Event e = ParseRun.of(f, "2021/09/30 09:23:53 [warn] 1#1: *2 a warning, client: 10.0.0.1, server: x").events.get(0);
    assertEquals(1632993833000L - 19_800_000L, e.getLong(Field.TIMESTAMP));
  }

  @Test
  void aMessageQuotingAClientDoesNotSpoofTheAddress() {
    String line = "2024/01/18 15:31:16 [error] 7#7: *9 open() \"/usr/share/nginx/html/a, client: 6.6.6.6\" failed "
        + "(2: No such file or directory), client: 157.230.234.189, server: localhost, request: \"GET /a HTTP/1.1\"";
    Event e = ParseRun.of(FormatRegistry.byName("nginx-error", UTC), line).events.get(0);
    assertEquals("157.230.234.189", e.get(Field.SOURCE_IP));
    assertTrue(e.get(Field.MESSAGE).endsWith("(2: No such file or directory)"), e.get(Field.MESSAGE));
  }

  @Test
  void brokenNginxErrorLinesAreRejectedWithLineAndReason() {
    LogFormat f = FormatRegistry.byName("nginx-error", UTC);
    ParseRun run = ParseRun.of(f,
        "2021/09/30 09:23:53 [error] 1#1: *1 fine, client: 10.0.0.1, server: _",
        "2021/13/30 09:23:53 [error] 1#1: *1 bad month, client: 10.0.0.1",
        "2021/09/30 09:23:53 error 1#1: no brackets",
        "2021/09/30 09:23:53 [error] no pid: here");
    assertEquals(1, run.events.size());
    assertEquals(List.of("2: bad timestamp '2021/13/30 09:23:53'", "3: expected ' [level]' at column 20",
        "4: expected 'pid#tid: ' at column 29"), run.rejects);
  }

  @Test
  void unknownSyslogInnerFormatIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FormatRegistry.byName("syslog+nope", UTC));
    assertTrue(e.getMessage().contains("unknown format 'nope'"), e.getMessage());
  }
}
