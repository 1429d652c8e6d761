package org.apiaudit.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event schema: every field an event can carry, its name, type and indexing.
 *
 * <p>This enum is the only place where field names are spelled. Names follow the Elastic
 * Common Schema (ECS) where ECS has one, so that the same rules and queries run unchanged on
 * OpenSearch; fields ECS lacks (authentication resolved by the gateway, the person a request
 * is about) live under our own {@code auth.*}, {@code subject.*} and {@code endpoint.*}.
 *
 * <p>Each field says why it is indexed the way it is:
 * <ul>
 *   <li>{@code searchable}: the field has terms (or points, for numbers, instants and IPs) so
 *       that queries on it use an inverted index; fields only grouped by skip this cost.</li>
 *   <li>{@code docValues}: rules group or count by it, or search prints it. Doc values are
 *       column-stored, so correlations scan them without touching stored fields.</li>
 *   <li>{@code stored}: kept only for display. Only the masked original line is stored, so that
 *       the index stays small (every other display value comes from doc values).</li>
 * </ul>
 */
public enum Field {
  /** When the request was received, UTC epoch ms; the index is sorted by it. */
  TIMESTAMP("@timestamp", FieldType.INSTANT, true, false, "time", "ts"),
  /**
   * The gateway's request id: how an event is looked up and deduplicated. Terms only: unique per
   * event, so doc values would cost a sort of every id at each flush for nothing; stored, so
   * that JSON lines and CSV output carry it.
   */
  REQUEST_ID("http.request.id", FieldType.KEYWORD, Indexing.SEARCH, true, "rid"),
  /** The client address as the gateway saw it; the first actor identifier. */
  SOURCE_IP("source.ip", FieldType.IP, true, false, "ip"),
  /**
   * The client's /24 (IPv4) or /64 (IPv6) network, for actors that rotate addresses. Written only
   * where it is not the address's own; readers derive it (the index's ColumnViews).
   */
  SOURCE_SUBNET("source.subnet", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "subnet"),
  /** The X-Forwarded-For header as logged: informative, attacker-controlled. */
  FORWARDED_FOR("http.request.x_forwarded_for", FieldType.KEYWORD, false, true, "xff"),
  /** The HTTP method. */
  METHOD("http.request.method", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "method"),
  /** The request path, personal identifiers pseudonymised. */
  URL_PATH("url.path", FieldType.KEYWORD, true, false, "path"),
  /**
   * The query string without '?', personal identifiers pseudonymised. Doc values so that rules
   * can count distinct query strings per address (cache-busting, enumeration through one
   * parameter such as {@code ?author=N}); displayed from them, so not stored as well.
   */
  URL_QUERY("url.query", FieldType.KEYWORD, true, false, "query"),
  /**
   * The request target as sent: path, and {@code ?} and query when there is one (ECS
   * {@code url.original}; Sigma's {@code cs-uri}, {@code c-uri}, and {@code cs-uri-query} as
   * SigmaHQ authors use it). Derived at ingest from the pseudonymised path and query, so it
   * holds no clear identifier; absent when the log carries no path.
   */
  URL_ORIGINAL("url.original", FieldType.KEYWORD, Indexing.SEARCH, false, "uri"),
  /**
   * The last path segment's file extension without the dot ({@code php}, {@code gz} of
   * {@code a.tar.gz}), as ECS {@code url.extension} and Sigma's {@code c-uri-extension}; absent
   * when the segment has none.
   */
  URL_EXTENSION("url.extension", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "extension"),
  /** The request's Content-Type header where the log carries it (W3C {@code cs(Content-Type)}, nginx {@code $content_type}). */
  MIME_TYPE("http.request.mime_type", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "content_type"),
  /**
   * The host the request named: the Host header ({@code $host}, {@code $http_host}, a JSON or
   * CSV host column), the host of an absolute-URI or CONNECT request target, or the virtual
   * host a vhost-prefixed Apache line starts with; port dropped. Absent when the log carries
   * none (plain combined and common lines). Searched ({@code cs-host}) and grouped by.
   */
  URL_DOMAIN("url.domain", FieldType.KEYWORD, true, false, "domain", "host"),
  /**
   * {@code http} or {@code https}, only when the request target was absolute
   * ({@code GET http://host/x HTTP/1.1}): what a server that is not a proxy gets from open-proxy
   * probes. Absent for ordinary origin-form requests.
   */
  URL_SCHEME("url.scheme", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "scheme"),
  /**
   * The protocol version of the request line without {@code HTTP/} ({@code 1.1}, {@code 2.0});
   * absent when the log has no request line or it names none. Rare values are probes.
   */
  HTTP_VERSION("http.version", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "version"),
  /** The path with identifiers replaced by placeholders: the endpoint as an API lists it. */
  URL_TEMPLATE("url.template", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "template"),
  /** public, otp, record-returning, vaccinator, partner or other; from the endpoint table. */
  ENDPOINT_CLASS("endpoint.class", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "class"),
  /** The HTTP status code answered. */
  STATUS("http.response.status_code", FieldType.LONG, true, false, "status"),
  /** Response body size in bytes. */
  BYTES("http.response.body.bytes", FieldType.LONG, Indexing.GROUP_ONLY, false, "bytes"),
  /** Time taken to answer, in milliseconds. */
  LATENCY_MS("http.response.latency_ms", FieldType.LONG, Indexing.GROUP_ONLY, false, "latency"),
  /** The user agent exactly as sent: grouped by and matched whole. */
  USER_AGENT("user_agent.original", FieldType.KEYWORD, true, false, "ua"),
  /**
   * The user agent's words, for word and phrase queries. Not indexed: user agents are few and
   * repeat, so a query matches words against the distinct {@link #USER_AGENT} values instead
   * of tokenising every event's user agent at ingest.
   */
  USER_AGENT_TEXT("user_agent.text", FieldType.TEXT, false, false, "ua_text"),
  /** The Referer header. */
  REFERRER("http.request.referrer", FieldType.KEYWORD, false, true, "referrer"),
  /** The gateway's WAF decision (allow, block, challenge) where logged. */
  WAF_ACTION("waf.action", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "waf"),
  /** none, citizen, vaccinator or partner: how the gateway authenticated the caller. */
  AUTH_TYPE("auth.type", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "auth"),
  /** Token id, vaccinator id or partner client id; an actor identifier kept in clear. */
  PRINCIPAL("auth.principal", FieldType.KEYWORD, true, false, "principal", "user"),
  /** The vaccinator's facility. */
  FACILITY("auth.facility", FieldType.KEYWORD, true, false, "facility"),
  /** The vaccinator's district. */
  DISTRICT("auth.district", FieldType.KEYWORD, true, false, "district"),
  /**
   * Pseudonym of the person the request is about (never the clear identifier). Its doc values
   * hold the pseudonym's 64 bits, read back as this keyword (the index's ColumnViews):
   * nearly every value is new on national traffic, and numbers cost Lucene far less to add.
   */
  SUBJECT_ID("subject.id", FieldType.KEYWORD, true, false, "subject"),
  /** mobile, aadhaar, reference or other: what kind of identifier the subject was. */
  SUBJECT_KIND("subject.kind", FieldType.KEYWORD, Indexing.GROUP_ONLY, false),
  /**
   * Pseudonym of the identifier without its last three digits: neighbouring identifiers share
   * a block, so sequential walks show on pseudonymised data. Kept as 64 bits like
   * {@link #SUBJECT_ID}.
   */
  SUBJECT_BLOCK("subject.block", FieldType.KEYWORD, Indexing.GROUP_ONLY, false),
  /** The identifier's last three digits (0-999), its place within its block. */
  SUBJECT_OFFSET("subject.offset", FieldType.LONG, Indexing.GROUP_ONLY, false),
  /** The file the event was read from, as given on the command line. */
  LOG_FILE("log.file.path", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "file"),
  /** The 1-based line number in that file, to cite evidence as file:line. */
  LOG_LINE("log.file.line", FieldType.LONG, Indexing.GROUP_ONLY, false, "line"),
  /**
   * The severity of an error-log line ({@code error}, {@code warn}, {@code crit}, …); absent on
   * access-log lines, which is how rules tell the two apart.
   */
  LOG_LEVEL("log.level", FieldType.KEYWORD, Indexing.GROUP_ONLY, false, "level"),
  /**
   * The text of an error-log line after its level and connection number, identifiers masked:
   * what went wrong ({@code user "x" was not found in "/etc/htpasswd"}). Terms, for rules that
   * look for a failure's wording; access-log lines have none.
   */
  MESSAGE("message", FieldType.KEYWORD, Indexing.SEARCH, false, "msg"),
  /** The original line with personal identifiers pseudonymised; display only. */
  ORIGINAL("event.original", FieldType.STORED, false, true);

  private static final Map<String, Field> BY_NAME;

  static {
    Map<String, Field> names = new HashMap<>();
    for (Field f : values()) {
      names.put(f.name, f);
      for (String alias : f.aliases) {
        if (names.put(alias, f) != null) {
          throw new ExceptionInInitializerError("duplicate field name or alias: " + alias);
        }
      }
    }
    BY_NAME = Collections.unmodifiableMap(names);
  }

  private final String name;
  private final FieldType type;
  private final boolean docValues;
  private final boolean searchable;
  private final boolean stored;
  private final List<String> aliases;

  Field(String name, FieldType type, boolean docValues, boolean stored, String... aliases) {
    this(name, type, docValues ? Indexing.SEARCH_AND_GROUP : Indexing.SEARCH, stored, aliases);
  }

  Field(String name, FieldType type, Indexing indexing, boolean stored, String... aliases) {
    this.name = name;
    this.type = type;
    this.docValues = indexing != Indexing.SEARCH;
    this.searchable = indexing != Indexing.GROUP_ONLY && type != FieldType.STORED && type != FieldType.TEXT;
    this.stored = stored;
    this.aliases = List.of(aliases);
  }

  /**
   * How a field is indexed. Every index structure costs ingest time for every event, so each
   * field gets only what its queries need.
   */
  enum Indexing {
    /** Terms or points for fast search, and doc values for grouping and display. */
    SEARCH_AND_GROUP,
    /** Terms only: searched, never grouped by. */
    SEARCH,
    /**
     * Doc values only: grouped by and displayed; still queryable (a doc-values scan), which is
     * fine for fields nobody searches alone.
     */
    GROUP_ONLY
  }

  /** The field's schema name, as used in the index and in queries. */
  public String fieldName() {
    return name;
  }

  public FieldType type() {
    return type;
  }

  /** Whether the field has doc values, i.e. can be grouped, counted, sorted or displayed. */
  public boolean hasDocValues() {
    return docValues;
  }

  /**
   * Whether the field has terms or points of its own. When false, queries on it scan doc
   * values (numbers and keywords), or, for {@link FieldType#TEXT}, match words of the keyword
   * field it is derived from ({@link #textSource()}).
   */
  public boolean isSearchable() {
    return searchable;
  }

  /** For a {@link FieldType#TEXT} field, the keyword field whose words it matches; else null. */
  public Field textSource() {
    return this == USER_AGENT_TEXT ? USER_AGENT : null;
  }

  public boolean isStored() {
    return stored;
  }

  /** Short names an investigator may type instead of {@link #fieldName()}. */
  public List<String> aliases() {
    return aliases;
  }

  /** Whether the field has sorted (keyword or IP) doc values: values with ordinals to group by. */
  public boolean hasSortedDocValues() {
    return docValues && (type == FieldType.KEYWORD || type == FieldType.IP);
  }

  public boolean isNumeric() {
    return type == FieldType.LONG || type == FieldType.INSTANT;
  }

  /** The field named {@code nameOrAlias} (schema name or alias), or null. */
  public static Field byName(String nameOrAlias) {
    Field f = BY_NAME.get(nameOrAlias);
    return f != null ? f : BY_NAME.get(nameOrAlias.toLowerCase(Locale.ROOT));
  }

  /** Every accepted name (schema names and aliases) mapped to its field. */
  public static Map<String, Field> names() {
    return BY_NAME;
  }

  @Override
  public String toString() {
    return name;
  }
}
