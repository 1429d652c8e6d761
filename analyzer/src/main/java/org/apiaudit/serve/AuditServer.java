package org.apiaudit.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.ExitableDirectoryReader.ExitingReaderException;
import org.apiaudit.UserException;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.output.OutputFormat;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.HitWriter;
import org.apiaudit.search.SavedSearches;

/**
 * The HTTP server of {@code analyzer serve}: the UI's three files and a JSON API, on the JDK's
 * own {@link HttpServer} (no web framework in the jar: a handful of GET routes need none).
 *
 * <p>Safe by construction: every answer carries a Content-Security-Policy that allows only the
 * server's own script and style, {@code nosniff}, no referrer and no caching; the API reads with
 * GET only, and the two state-changing calls (save a search, find a person) are POSTs that need
 * the per-start CSRF token of {@code /api/meta}, which another origin cannot read. On a loopback
 * bind the Host header must name the loopback (DNS rebinding); on any other bind every request
 * needs the access token (cookie set by the printed link, or a bearer header).
 */
public final class AuditServer implements AutoCloseable {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  static final String TOKEN_COOKIE = "analyzer_token";
  static final String CSRF_HEADER = "X-Analyzer-Csrf";
  /** Largest POST body read (a saved search or a number). */
  private static final int MAX_BODY = 16 * 1024;
  private static final Map<String, String> ASSETS = Map.of(
      "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");

  private final ServeConfig config;
  private final HttpServer http;
  private final ExecutorService workers;
  private final IndexReaders readers;
  private final ObjectMapper json = new ObjectMapper();
  private final String csrf;
  private final HitJson hitJson;
  private final DiscoverApi discover;
  private final ContextApi context;
  private final ActorApi actors;
  private final Findings findings;
  private final CasePseudonyms pseudonyms;
  private final PersonLookup persons;
  private final SavedSearches saved;

  private AuditServer(ServeConfig config, IndexReaders readers, HttpServer http) {
    this.config = config;
    this.readers = readers;
    this.http = http;
    this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    this.hitJson = new HitJson(config.zone());
    this.discover = new DiscoverApi(config.zone());
    this.context = new ContextApi(hitJson);
    this.findings = Findings.forIndex(config.index(), config.findings());
    this.actors = new ActorApi(hitJson, findings, config.zone());
    this.pseudonyms = new CasePseudonyms(config.index(), config.keyFile());
    this.persons = new PersonLookup(pseudonyms);
    this.saved = SavedSearches.besideIndex(config.index());
  }

  /** Opens the index and starts listening; refuses a non-loopback bind without a token. */
  public static AuditServer start(ServeConfig config) throws IOException {
    AccessToken.requireForBind(config.bind(), config.token());
    IndexReaders readers = new IndexReaders(config.index());
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
    } catch (IOException e) {
      readers.close();
      throw new UserException("cannot listen on " + config.bind().getHostAddress() + ":" + config.port() + ": "
          + e.getMessage());
    }
    AuditServer server = new AuditServer(config, readers, http);
    http.setExecutor(server.workers);
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  /** The URL to open (with the token, when one is set: the one place it is printed). */
  public URI url() {
    InetSocketAddress a = http.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    String token = config.token() == null ? "" : "?token=" + config.token().text();
    return URI.create("http://" + host + ":" + a.getPort() + "/" + token);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      securityHeaders(ex);
      if (!hostAllowed(ex)) {
        sendText(ex, 421, "this server answers only to its own address");
        return;
      }
      String path = ex.getRequestURI().getPath();
      Params params = Params.of(ex.getRequestURI());
      if (config.token() != null && !authorised(ex, params, path)) {
        return;
      }
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      boolean post = method.equals("POST");
      if (!method.equals("GET") && !method.equals("HEAD") && !post) {
        sendText(ex, 405, "the API is read-only: GET only (POST for saving a search and finding a person)");
        return;
      }
      if (post) {
        if (!csrf.equals(ex.getRequestHeaders().getFirst(CSRF_HEADER))) {
          sendText(ex, 403, "missing or wrong " + CSRF_HEADER + " header (reload the page)");
          return;
        }
        params = Params.parse(readBody(ex));
      }
      route(ex, method, path, params);
    } catch (ApiException e) {
      sendError(ex, e.status(), e.getMessage());
    } catch (ExitingReaderException e) {
      sendError(ex, 503, "the search ran longer than " + config.timeout().toSeconds()
          + " s and was stopped: narrow the time range or the query");
    } catch (UserException e) {
      sendError(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      System.err.println("analyzer serve: internal error on " + ex.getRequestURI().getPath() + ": " + e);
      e.printStackTrace();
      sendError(ex, 500, "internal error (a bug); the server's console has the details");
    } finally {
      ex.close(); // after the catch blocks: an error answer is written before the exchange closes
    }
  }

  private void route(HttpExchange ex, String method, String path, Params params) throws IOException {
    if (ASSETS.containsKey(path) && !method.equals("POST")) {
      sendAsset(ex, ASSETS.get(path));
      return;
    }
    if (path.equals("/api/export")) {
      export(ex, params);
      return;
    }
    Object answer = switch (method + " " + path) {
      case "GET /api/meta" -> meta();
      case "GET /api/search" -> withSearcher(s -> discover.page(s, query(params), params));
      case "GET /api/histogram" -> withSearcher(s -> discover.histogram(s, query(params)));
      case "GET /api/fields" -> withSearcher(s -> discover.fields(s, query(params), params));
      case "GET /api/aggregations" -> withSearcher(s -> discover.aggregations(s, query(params), params));
      case "GET /api/context" -> withSearcher(s -> context.context(s, params));
      case "GET /api/actor" -> withSearcher(s -> actors.actor(s, params));
      case "GET /api/findings" -> findingsView();
      case "GET /api/saved" -> Map.of("file", saved.file().getFileName().toString(), "searches", saved.list());
      case "POST /api/saved" -> saveSearch(params);
      case "POST /api/person" -> Map.of("query", persons.query(params.get("number")));
      default -> throw new ApiException(404, "no such page: " + path);
    };
    if (path.equals("/api/aggregations")) {
      ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"aggregations.json\"");
    }
    sendJson(ex, 200, answer);
  }

  private QueryRequest query(Params params) {
    return QueryRequest.of(params, config.zone(), pseudonyms);
  }

  private Object withSearcher(java.util.function.Function<EventSearcher, Object> body) {
    try (IndexReaders.Lease lease = readers.acquire(config.timeout().toMillis())) {
      return body.apply(lease.searcher());
    }
  }

  private Map<String, Object> meta() {
    Map<String, Object> m = new LinkedHashMap<>();
    try (IndexReaders.Lease lease = readers.acquire(0)) {
      long[] span = DiscoverApi.indexSpan(lease.searcher());
      m.put("index", config.index().getFileName().toString());
      m.put("events", lease.searcher().reader().numDocs());
      m.put("firstEvent", span[0]);
      m.put("lastEvent", span[1]);
    }
    m.put("zone", config.zone().getId());
    m.put("offsetMinutes", config.zone().getRules().getOffset(java.time.Instant.now()).getTotalSeconds() / 60);
    m.put("csrf", csrf);
    m.put("findings", findings.get() != null);
    m.put("limits", Map.of("queryChars", QueryRequest.MAX_QUERY_CHARS, "clauses", QueryRequest.MAX_CLAUSES,
        "page", DiscoverApi.MAX_PAGE, "timeoutSeconds", config.timeout().toSeconds()));
    return m;
  }

  private Map<String, Object> findingsView() {
    CaseFindings f = findings.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("present", f != null);
    if (f != null) {
      m.put("conclusion", f.conclusion());
      m.put("incidents", f.incidents());
      m.put("actors", f.actors());
    }
    return m;
  }

  private Map<String, Object> saveSearch(Params params) {
    QueryRequest checked = query(params); // a search is saved only if it runs
    saved.save(new SavedSearches.SavedSearch(params.get("name"), checked.text(), params.get("from"), params.get("to")));
    return Map.of("saved", params.get("name"));
  }

  /** All hits of the query, streamed as CSV or JSON lines with {@link HitWriter} (no page cap, no timeout). */
  private void export(HttpExchange ex, Params params) throws IOException {
    QueryRequest request = query(params);
    String f = params.get("format", "csv");
    OutputFormat format = switch (f) {
      case "csv" -> OutputFormat.CSV;
      case "jsonl" -> OutputFormat.JSONL;
      default -> throw ApiException.badRequest("export format is csv or jsonl");
    };
    try (IndexReaders.Lease lease = readers.acquire(0)) {
      ex.getResponseHeaders().set("Content-Type",
          format == OutputFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
      ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"hits." + f + "\"");
      ex.sendResponseHeaders(200, 0);
      PrintWriter out = new PrintWriter(new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8), false);
      try (HitWriter writer = new HitWriter(format, out, config.zone())) {
        lease.searcher().stream(request.query(), Long.MAX_VALUE, true, hit -> {
          writer.write(hit);
          return !out.checkError();
        });
      }
    }
  }

  private boolean authorised(HttpExchange ex, Params params, String path) throws IOException {
    String presented = params.get("token");
    if (presented != null && config.token().matches(presented) && path.equals("/")) {
      ex.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "=" + presented + "; Path=/; HttpOnly; SameSite=Strict");
      ex.getResponseHeaders().set("Location", "/");
      ex.sendResponseHeaders(303, -1);
      return false;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ") && config.token().matches(auth.substring(7).strip())) {
      return true;
    }
    String cookies = ex.getRequestHeaders().getFirst("Cookie");
    if (cookies != null) {
      for (String c : cookies.split(";")) {
        String kv = c.strip();
        if (kv.startsWith(TOKEN_COOKIE + "=") && config.token().matches(kv.substring(TOKEN_COOKIE.length() + 1))) {
          return true;
        }
      }
    }
    sendText(ex, 401, "access token required: open the link 'analyzer serve' printed at start");
    return false;
  }

  /** On a loopback bind, the Host header must be a loopback name (a rebound DNS name is refused). */
  private boolean hostAllowed(HttpExchange ex) {
    if (!config.bind().isLoopbackAddress()) {
      return true;
    }
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null) {
      return true;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.startsWith("127.");
  }

  private static void securityHeaders(HttpExchange ex) {
    var h = ex.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cache-Control", "no-store");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
  }

  private static String readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new ApiException(413, "request body over " + MAX_BODY + " bytes");
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private void sendAsset(HttpExchange ex, String name) throws IOException {
    try (InputStream in = AuditServer.class.getResourceAsStream("ui/" + name)) {
      if (in == null) {
        throw new ApiException(404, "asset missing from the jar: " + name);
      }
      byte[] bytes = in.readAllBytes();
      String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
      ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      send(ex, 200, bytes);
    }
  }

  private void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    json.writeValue(buf, body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    send(ex, status, buf.toByteArray());
  }

  private void sendError(HttpExchange ex, int status, String message) {
    try {
      ex.getResponseHeaders().remove("Content-Disposition");
      sendJson(ex, status, Map.of("error", message, "status", status));
    } catch (IOException | RuntimeException ignored) {
      // headers already sent (an export cut short): the client sees a truncated download
    }
  }

  private static void sendText(HttpExchange ex, int status, String text) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(ex, status, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
    boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops listening (open requests get a second to finish) and closes the index. */
  @Override
  public void close() throws IOException {
    http.stop(1);
    workers.shutdownNow();
    readers.close();
  }
}
