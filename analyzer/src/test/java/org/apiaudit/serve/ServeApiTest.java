package org.apiaudit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiaudit.UserException;
import org.apiaudit.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API of {@code analyzer serve}, in process, over real HTTP with the JDK's client. */
class ServeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  @TempDir static Path tmp;
  static ServeFixture fixture;
  static AuditServer server;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    fixture = ServeFixture.build(tmp);
    server = fixture.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode getJson(String path, Map<String, String> params) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path + "?" + form(params));
    assertEquals(200, r.statusCode(), path + " answered " + r.body());
    return JSON.readTree(r.body());
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  static HttpResponse<String> post(String path, Map<String, String> params, String csrf)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    if (csrf != null) {
      b.header(AuditServer.CSRF_HEADER, csrf);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String csrf() throws IOException, InterruptedException {
    return getJson("/api/meta", Map.of()).get("csrf").asText();
  }

  @Test
  void searchAnswersCountAndPagesByTimeCursor() throws Exception {
    JsonNode all = getJson("/api/search", Map.of("q", "*:*", "size", "500"));
    assertEquals(ServeFixture.SLICE_LINES + 4, all.get("total").asLong());
    assertEquals(500, all.get("hits").size());
    // walk every page by the cursor: each event exactly once, in time order
    long seen = 0;
    long last = Long.MIN_VALUE;
    java.util.Set<String> ids = new java.util.HashSet<>();
    String after = null;
    do {
      Map<String, String> p = new java.util.HashMap<>(Map.of("size", "300"));
      if (after != null) {
        p.put("after", after);
      }
      JsonNode page = getJson("/api/search", p);
      for (JsonNode h : page.get("hits")) {
        assertTrue(h.get("ts").asLong() >= last, "hits out of time order");
        last = h.get("ts").asLong();
        assertTrue(ids.add(h.get("file").asText() + ":" + h.get("line").asLong()), "event shown twice: " + h);
        seen++;
      }
      after = page.has("next") ? page.get("next").asText() : null;
    } while (after != null);
    assertEquals(ServeFixture.SLICE_LINES + 4, seen);
  }

  @Test
  void hostileValuesComeBackAsJsonStringsUnder_aStrictPolicy() throws Exception {
    HttpResponse<String> r = get("/api/search?" + form(Map.of("q", "ip:" + ServeFixture.HOSTILE_IP)));
    assertEquals(200, r.statusCode());
    assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals(AuditServer.CSP, r.headers().firstValue("Content-Security-Policy").orElse(""));
    JsonNode page = JSON.readTree(r.body());
    assertEquals(4, page.get("total").asLong());
    List<String> uas = new java.util.ArrayList<>();
    page.get("hits").forEach(h -> uas.add(h.get("ua").asText()));
    assertEquals(List.of(ServeFixture.SCRIPT_UA, ServeFixture.BREAKOUT_UA, ServeFixture.FORMULA_UA,
        ServeFixture.SCRIPT_UA), uas);
    assertEquals(ServeFixture.HOSTILE_PRINCIPAL, page.get("hits").get(0).get("principal").asText());
    assertFalse(r.body().contains("9876543210"), "a clear mobile number reached the API");
    for (String asset : List.of("/", "/app.js", "/app.css")) {
      HttpResponse<String> a = get(asset);
      assertEquals(200, a.statusCode(), asset);
      assertEquals(AuditServer.CSP, a.headers().firstValue("Content-Security-Policy").orElse(""), asset);
      assertFalse(a.body().contains("innerHTML") || a.body().contains("<script>"), asset + " builds markup from text");
    }
  }

  @Test
  void badQueriesAreRefusedInPlainWords() throws Exception {
    Map<String, String> cases = Map.of(
        "(ip:1.2.3.4 OR status:500", "missing ')'",
        "ipp:1.2.3.4", "unknown field 'ipp' — did you mean ip? (the fields are listed by 'analyzer stats --fields')",
        "path:\"/api", "missing closing '\"'",
        "status:500)", "unexpected ')' at character 11 (no '(' before it)");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      for (String api : List.of("/api/search", "/api/histogram", "/api/fields")) {
        HttpResponse<String> r = get(api + "?" + form(Map.of("q", c.getKey())));
        assertEquals(400, r.statusCode(), c.getKey());
        assertEquals(c.getValue(), JSON.readTree(r.body()).get("error").asText(), c.getKey());
      }
    }
  }

  @Test
  void queriesOverTheLimitsAreRefused() throws Exception {
    HttpResponse<String> longText = get("/api/search?" + form(Map.of("q", "path:" + "a".repeat(2100))));
    assertEquals(413, longText.statusCode());
    assertEquals("query of 2105 characters; at most 2000 are accepted", JSON.readTree(longText.body()).get("error").asText());

    String many = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "ua:" + Integer.toString(36 + i, 36))
        .collect(Collectors.joining(" "));
    HttpResponse<String> clauses = get("/api/search?" + form(Map.of("q", many)));
    assertEquals(413, clauses.statusCode());
    assertEquals("query has 300 clauses; at most 256 are accepted", JSON.readTree(clauses.body()).get("error").asText());

    HttpResponse<String> window = get("/api/search?size=100000");
    assertEquals(413, window.statusCode());
    assertEquals("size must be between 1 and 500; got 100000", JSON.readTree(window.body()).get("error").asText());

    HttpResponse<String> regex = get("/api/search?" + form(Map.of("q", "path:/" + "a".repeat(1001) + "/")));
    assertEquals(400, regex.statusCode());
    assertTrue(JSON.readTree(regex.body()).get("error").asText().startsWith("regular expression of 1001 characters"),
        regex.body());

    HttpResponse<String> put = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, put.statusCode());
  }

  @Test
  void histogramAndSidebarCoverAllHitsInTheCaseZone() throws Exception {
    JsonNode h = getJson("/api/histogram", Map.of("q", "*:*"));
    long sum = 0;
    for (JsonNode b : h.get("buckets")) {
      sum += b.get(1).asLong();
    }
    assertEquals(ServeFixture.SLICE_LINES + 4, sum);
    assertEquals(60_000, h.get("interval").asLong(), "45 minutes of traffic in one-minute bars");

    JsonNode f = getJson("/api/fields", Map.of("q", "*:*"));
    JsonNode ip = f.get("fields").get(0);
    assertEquals("ip", ip.get("name").asText());
    long top = ip.get("values").get(0).get("count").asLong();
    long count = getJson("/api/search", Map.of("q", "ip:\"" + ip.get("values").get(0).get("value").asText() + "\"",
        "size", "1")).get("total").asLong();
    assertEquals(count, top, "sidebar counts are over all hits, not a page");
  }

  @Test
  void contextListsTheSameAddressAroundTheEvent() throws Exception {
    JsonNode c = getJson("/api/context", Map.of("file", fixture.log.toString(),
        "line", Long.toString(ServeFixture.hostileLine(1)), "by", "ip", "n", "1"));
    assertEquals(3, c.get("hits").size(), "one before, the event, one after");
    assertTrue(c.get("hits").get(1).get("anchor").asBoolean());
    assertEquals(ServeFixture.BREAKOUT_UA, c.get("hits").get(1).get("ua").asText());
    JsonNode all = getJson("/api/context", Map.of("file", fixture.log.toString(),
        "line", Long.toString(ServeFixture.hostileLine(1)), "by", "all"));
    assertTrue(all.get("hits").size() > 4, "±5 minutes of all traffic holds more than the one address");
    assertEquals(404, get("/api/context?" + form(Map.of("file", "nope.log", "line", "1"))).statusCode());
  }

  @Test
  void actorViewJoinsTheIndexAndTheFindings() throws Exception {
    JsonNode a = getJson("/api/actor", Map.of("kind", "ip", "value", ServeFixture.HOSTILE_IP));
    assertEquals(4, a.get("requests").asLong());
    assertEquals(4, a.get("distinctSubjects").asLong());
    assertEquals("2023-06-05T00:45:00+05:30", a.get("firstSeen").asText());
    assertEquals("2023-06-05T00:45:03+05:30", a.get("lastSeen").asText());
    assertEquals("scraping", a.get("findings").get(0).get("verdict").asText());
    assertEquals("INC-1", a.get("incidents").get(0).get("id").asText());
    assertEquals(3, a.get("userAgents").size());
  }

  @Test
  void exportStreamsEveryHitWithFormulasNeutralised() throws Exception {
    HttpResponse<String> csv = get("/api/export?" + form(Map.of("format", "csv", "q", "ip:" + ServeFixture.HOSTILE_IP)));
    assertEquals(200, csv.statusCode());
    assertEquals("attachment; filename=\"hits.csv\"", csv.headers().firstValue("Content-Disposition").orElse(""));
    List<String> lines = csv.body().lines().toList();
    assertEquals(5, lines.size(), "header and four rows");
    assertTrue(csv.body().contains("'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")"), csv.body());
    for (String line : lines) {
      for (String cell : line.split(",")) {
        assertFalse(cell.startsWith("=") || cell.startsWith("\"="), "formula cell: " + cell);
      }
    }
    HttpResponse<String> all = get("/api/export?format=jsonl");
    assertEquals(ServeFixture.SLICE_LINES + 4, all.body().lines().count(), "export is not capped at a page");
    HttpResponse<String> aggs = get("/api/aggregations?q=*:*");
    assertEquals(200, aggs.statusCode());
    assertTrue(JSON.readTree(aggs.body()).has("histogram"));
  }

  @Test
  void findPersonSearchesThePseudonymAndNeverEchoesTheNumber() throws Exception {
    assertEquals(403, post("/api/person", Map.of("number", ServeFixture.KNOWN_MOBILE), null).statusCode(),
        "a POST without the CSRF token is refused");
    HttpResponse<String> r = post("/api/person", Map.of("number", ServeFixture.KNOWN_MOBILE), csrf());
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(r.body().contains(ServeFixture.KNOWN_MOBILE), "the number was echoed");
    String query = JSON.readTree(r.body()).get("query").asText();
    assertTrue(query.startsWith("subject:ps-"), query);
    assertTrue(getJson("/api/search", Map.of("q", query)).get("total").asLong() >= 1);
    HttpResponse<String> bad = post("/api/person", Map.of("number", "12345"), csrf());
    assertEquals(400, bad.statusCode());
    assertFalse(bad.body().contains("12345"));
  }

  @Test
  void aClearNumberInAQueryIsSearchedByItsPseudonymAndNeverSentBack() throws Exception {
    HttpResponse<String> r = get("/api/search?" + form(Map.of("q", "subject:" + ServeFixture.KNOWN_MOBILE)));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode page = JSON.readTree(r.body());
    assertTrue(page.get("total").asLong() >= 1);
    assertTrue(page.get("query").asText().startsWith("subject:ps-"), page.get("query").asText());
    assertFalse(r.body().contains(ServeFixture.KNOWN_MOBILE), "the number was sent back");
    HttpResponse<String> bad = get("/api/search?" + form(Map.of("q", "subject:" + ServeFixture.KNOWN_MOBILE + " AND ipp:1")));
    assertEquals(400, bad.statusCode());
    assertFalse(bad.body().contains(ServeFixture.KNOWN_MOBILE), "an error quoted the number: " + bad.body());
    HttpResponse<String> epoch = get("/api/search?" + form(Map.of("q", "time:[1685903400000 TO 1685906100000]")));
    assertEquals(200, epoch.statusCode(), "epoch milliseconds are no identifier: " + epoch.body());
  }

  @Test
  void aPseudonymIsSearchedAsTypedEvenWhenItsHexHoldsANumber() throws Exception {
    // about one pseudonym in a hundred has ten decimal digits in a row, as this one does; the
    // masker took them for a mobile number and searched a pseudonym of the pseudonym
    String pseudonym = "ps-9876543210abcdef";
    String typed = "subject:" + pseudonym + " OR path:9812345678";
    JsonNode page = getJson("/api/search", Map.of("q", typed));
    String query = page.get("query").asText();
    assertTrue(query.startsWith("subject:" + pseudonym + " OR path:ps-"), "kept as typed: " + query);
    assertFalse(query.contains("9812345678"), "a clear number beside it is still masked: " + query);
  }

  @Test
  void savedSearchesAreListedAndRunFromTheCommandLine() throws Exception {
    HttpResponse<String> r = post("/api/saved", Map.of("name", "hostile address", "q", "ip:" + ServeFixture.HOSTILE_IP,
        "from", "2023-06-05T00:45:01+05:30"), csrf());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode list = getJson("/api/saved", Map.of());
    assertEquals("hostile address", list.get("searches").get(0).get("name").asText());
    assertTrue(Files.exists(tmp.resolve("index.searches.json")), "saved beside the index, not inside");
    CliRun run = CliRun.of("search", "-i", fixture.index.toString(), "--saved", "hostile address", "-o", "jsonl");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(3, run.out().lines().count(), "the saved time range applies too");
    CliRun missing = CliRun.of("search", "-i", fixture.index.toString(), "--saved", "nope");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no saved search named 'nope'"), missing.err());
    assertEquals(400, post("/api/saved", Map.of("name", "broken", "q", "(ip:1"), csrf()).statusCode());
  }

  @Test
  void refusesNonLoopbackBindWithoutToken() throws Exception {
    UserException e = assertThrows(UserException.class, () -> fixture.start(InetAddress.getByName("0.0.0.0"), null));
    assertTrue(e.getMessage().startsWith("refusing to listen on 0.0.0.0 without an access token"), e.getMessage());
    CliRun run = CliRun.of("serve", "-i", fixture.index.toString(), "--bind", "0.0.0.0", "--port", "0");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("refusing to listen on 0.0.0.0 without an access token"), run.err());
  }

  @Test
  void commandLineMistakesAreUsageErrors() {
    CliRun noIndex = CliRun.of("serve", "-i", tmp.resolve("nowhere").toString(), "--port", "0");
    assertEquals(2, noIndex.exitCode());
    assertTrue(noIndex.err().contains("no index at " + tmp.resolve("nowhere")), noIndex.err());
    CliRun both = CliRun.of("serve", "-i", fixture.index.toString(), "--generate-token", "--token-file", "t");
    assertEquals(2, both.exitCode());
    assertEquals("analyzer: give either --token-file or --generate-token, not both\n", both.err());
  }

  @Test
  void tokenIsRequiredWhenSet() throws Exception {
    AccessToken token = AccessToken.generate();
    try (AuditServer guarded = fixture.start(InetAddress.getLoopbackAddress(), token)) {
      String url = "http://127.0.0.1:" + guarded.port();
      HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      assertEquals(401, noRedirects.send(HttpRequest.newBuilder(URI.create(url + "/api/meta")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(200, noRedirects.send(HttpRequest.newBuilder(URI.create(url + "/api/meta"))
          .header("Authorization", "Bearer " + token.text()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<String> login = noRedirects.send(HttpRequest.newBuilder(URI.create(url + "/?token=" + token.text()))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(303, login.statusCode());
      String cookie = login.headers().firstValue("Set-Cookie").orElse("");
      assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
      assertEquals(200, noRedirects.send(HttpRequest.newBuilder(URI.create(url + "/api/meta"))
          .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode());
      assertTrue(guarded.url().toString().endsWith("/?token=" + token.text()));
    }
  }

  @Test
  void rebindingHostNamesAreRefused() throws Exception {
    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.getOutputStream().write(("GET /api/meta HTTP/1.1\r\nHost: evil.example:" + server.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      assertTrue(status.startsWith("HTTP/1.1 421"), status);
    }
  }

  @Test
  void newCommitsAreSeenWithoutRestart() throws Exception {
    long before = getJson("/api/meta", Map.of()).get("events").asLong();
    Path more = tmp.resolve("logs").resolve("more.log");
    Files.writeString(more, "203.0.113.9 - - [05/Jun/2023:01:00:00 +0530] \"GET /api/v2/x HTTP/1.1\" 200 1 \"-\" \"t\""
        + " 0.001 \"-\" abcabcabcabc none - -\n");
    assertEquals(0, CliRun.of("ingest", more.toString(), "-i", fixture.index.toString()).exitCode());
    Thread.sleep(IndexReaders.REFRESH_MILLIS + 200);
    get("/api/meta"); // the first request after the interval reopens
    assertEquals(before + 1, getJson("/api/meta", Map.of()).get("events").asLong());
  }
}
