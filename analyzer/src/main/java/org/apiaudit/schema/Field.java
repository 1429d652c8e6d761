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
 *   <li>{@code docValues}: rules group or count by it, or search prints it. Doc values are
 *       column-stored, so correlations scan them without touching stored fields.</li>
 *   <li>{@code stored}: kept only for display. Only the masked original line is stored, so that
 *       the index stays small (every other display value comes from doc values).</li>
 * </ul>
 */
public enum Field {
  /** When the request was received, UTC epoch ms; the index is sorted by it. */
  TIMESTAMP("@timestamp", FieldType.INSTANT, true, false, "time", "ts"),
  /** The gateway's request id: how an event is cited and deduplicated. */
  REQUEST_ID("http.request.id", FieldType.KEYWORD, true, false, "rid"),
  /** The client address as the gateway saw it; the first actor identifier. */
  SOURCE_IP("source.ip", FieldType.IP, true, false, "ip"),
  /** The client's /24 (IPv4) or /64 (IPv6) network, for actors that rotate addresses. */
  SOURCE_SUBNET("source.subnet", FieldType.KEYWORD, true, false, "subnet"),
  /** The X-Forwarded-For header as logged: informative, attacker-controlled. */
  FORWARDED_FOR("http.request.x_forwarded_for", FieldType.KEYWORD, false, false, "xff"),
  /** The HTTP method. */
  METHOD("http.request.method", FieldType.KEYWORD, true, false, "method"),
  /** The request path, personal identifiers pseudonymised. */
  URL_PATH("url.path", FieldType.KEYWORD, true, false, "path"),
  /** The query string without '?', personal identifiers pseudonymised. */
  URL_QUERY("url.query", FieldType.KEYWORD, false, false, "query"),
  /** The path with identifiers replaced by placeholders: the endpoint as an API lists it. */
  URL_TEMPLATE("url.template", FieldType.KEYWORD, true, false, "template"),
  /** public, otp, record-returning, vaccinator, partner or other; from the endpoint table. */
  ENDPOINT_CLASS("endpoint.class", FieldType.KEYWORD, true, false, "class"),
  /** The HTTP status code answered. */
  STATUS("http.response.status_code", FieldType.LONG, true, false, "status"),
  /** Response body size in bytes. */
  BYTES("http.response.body.bytes", FieldType.LONG, true, false, "bytes"),
  /** Time taken to answer, in milliseconds. */
  LATENCY_MS("http.response.latency_ms", FieldType.LONG, true, false, "latency"),
  /** The user agent exactly as sent: grouped by and matched whole. */
  USER_AGENT("user_agent.original", FieldType.KEYWORD, true, false, "ua"),
  /** The user agent split into words, for phrase and word queries. */
  USER_AGENT_TEXT("user_agent.text", FieldType.TEXT, false, false, "ua_text"),
  /** The Referer header. */
  REFERRER("http.request.referrer", FieldType.KEYWORD, false, false, "referrer"),
  /** The gateway's WAF decision (allow, block, challenge) where logged. */
  WAF_ACTION("waf.action", FieldType.KEYWORD, true, false, "waf"),
  /** none, citizen, vaccinator or partner: how the gateway authenticated the caller. */
  AUTH_TYPE("auth.type", FieldType.KEYWORD, true, false, "auth"),
  /** Token id, vaccinator id or partner client id; an actor identifier kept in clear. */
  PRINCIPAL("auth.principal", FieldType.KEYWORD, true, false, "principal", "user"),
  /** The vaccinator's facility. */
  FACILITY("auth.facility", FieldType.KEYWORD, true, false, "facility"),
  /** The vaccinator's district. */
  DISTRICT("auth.district", FieldType.KEYWORD, true, false, "district"),
  /** Pseudonym of the person the request is about (never the clear identifier). */
  SUBJECT_ID("subject.id", FieldType.KEYWORD, true, false, "subject"),
  /** mobile, aadhaar, reference or other: what kind of identifier the subject was. */
  SUBJECT_KIND("subject.kind", FieldType.KEYWORD, true, false),
  /**
   * Pseudonym of the identifier without its last three digits: neighbouring identifiers share
   * a block, so sequential walks show on pseudonymised data.
   */
  SUBJECT_BLOCK("subject.block", FieldType.KEYWORD, true, false),
  /** The identifier's last three digits (0-999), its place within its block. */
  SUBJECT_OFFSET("subject.offset", FieldType.LONG, true, false),
  /** The file the event was read from, as given on the command line. */
  LOG_FILE("log.file.path", FieldType.KEYWORD, true, false, "file"),
  /** The 1-based line number in that file, to cite evidence as file:line. */
  LOG_LINE("log.file.line", FieldType.LONG, true, false, "line"),
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
  private final boolean stored;
  private final List<String> aliases;

  Field(String name, FieldType type, boolean docValues, boolean stored, String... aliases) {
    this.name = name;
    this.type = type;
    this.docValues = docValues;
    this.stored = stored;
    this.aliases = List.of(aliases);
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

  public boolean isStored() {
    return stored;
  }

  /** Short names an investigator may type instead of {@link #fieldName()}. */
  public List<String> aliases() {
    return aliases;
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
