package org.apiaudit.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiaudit.index.IpAddresses;
import org.apiaudit.output.Escaping;
import org.apiaudit.privacy.IdentifierMasker;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * The normalize stage between parsing and indexing: pseudonymises personal identifiers,
 * masks the display line, and derives the fields rules group by (endpoint template and class,
 * subject kind and block, client subnet) and match on (the URL as sent, its extension:
 * {@link UrlFields}).
 *
 * <p>After {@link #normalize} no field of the event holds a clear identifier: the subject is a
 * pseudonym, identifier query parameters and path segments are pseudonymised, every other text
 * field from the log and the stored original line go through the one {@link IdentifierMasker}
 * pass, and a byte count shaped like an identifier is dropped. This is the only place masking
 * happens: detection and the report writers read what is stored. Not thread-safe (one per
 * worker thread).
 */
public final class EventNormalizer {
  /** Query parameters that carry a person's identifier, unless configured otherwise. */
  public static final List<String> DEFAULT_IDENTIFIER_PARAMS =
      List.of("mobile", "aadhaar", "beneficiary_reference_id", "beneficiaryId", "beneficiary_id", "phone");

  /**
   * Every text field a parser fills from the log (user agent, principal, X-Forwarded-For,
   * request id, facility, district, WAF action, referrer, method, and any keyword field added to
   * the schema later): masked like the line, so that a number a citizen typed into one of them
   * is stored as its pseudonym. Path and query are masked on their own (identifier parameters
   * and segments name the subject); the subject becomes a pseudonym; derived fields (template,
   * class, subnet, subject kind and block) and the file name given on the command line hold
   * nothing from the line's free text.
   */
  private static final List<Field> LOGGED_TEXT = java.util.Arrays.stream(Field.values())
      .filter(f -> f.type() == org.apiaudit.schema.FieldType.KEYWORD)
      .filter(f -> !Set.of(Field.URL_PATH, Field.URL_QUERY, Field.URL_ORIGINAL, Field.URL_EXTENSION,
          Field.URL_TEMPLATE, Field.ENDPOINT_CLASS,
          Field.SOURCE_SUBNET, Field.SUBJECT_ID, Field.SUBJECT_KIND, Field.SUBJECT_BLOCK, Field.LOG_FILE).contains(f))
      .toList();

  /**
   * The numeric columns a parser fills from the log. Status (100-999) and latency (at most a
   * day in ms) cannot hold an identifier's digits; a byte count can, and one shaped like an
   * identifier is dropped rather than stored as a clear number.
   */
  private static final List<Field> LOGGED_NUMBERS = List.of(Field.STATUS, Field.BYTES, Field.LATENCY_MS);

  /** Most (method, path) pairs whose endpoint is remembered. */
  private static final int RECENT_ENDPOINTS = 4096;

  private final EndpointTable endpoints;
  private final Map<String, Map<String, EndpointTable.Endpoint>> recentEndpoints =
      new HashMap<>();
  private int recentEndpointCount;
  private final IdentifierMasker masker;
  private final Pseudonymizer pseudonymizer;
  private final Set<String> identifierParams;

  public EventNormalizer(EndpointTable endpoints, Pseudonymizer pseudonymizer, List<String> identifierParams) {
    this.endpoints = endpoints;
    this.pseudonymizer = pseudonymizer;
    this.masker = new IdentifierMasker(pseudonymizer);
    java.util.HashSet<String> params = new java.util.HashSet<>();
    for (String p : identifierParams) {
      params.add(p.toLowerCase(Locale.ROOT));
    }
    this.identifierParams = Set.copyOf(params);
  }

  /**
   * Normalizes a parsed event in place.
   *
   * @param event the parsed event, still holding clear identifiers
   * @param line the raw line, stored masked as {@link Field#ORIGINAL}
   * @param file the source file as given by the user
   * @param lineNumber 1-based line number in that file
   */
  public void normalize(Event event, String line, String file, long lineNumber) {
    String clearSubject = event.get(Field.SUBJECT_ID);
    String query = event.get(Field.URL_QUERY);
    String clearParam = null;
    if (query != null) {
      ParamScan scan = pseudonymizeParams(query);
      event.set(Field.URL_QUERY, masker.mask(scan.query));
      clearParam = scan.firstIdentifier;
    }
    if (clearSubject == null) {
      clearSubject = clearParam;
    }
    String path = event.get(Field.URL_PATH);
    if (path != null) {
      String maskedPath = masker.mask(path);
      if (clearSubject == null && maskedPath != path) {
        clearSubject = firstIdentifierSegment(path);
      }
      event.set(Field.URL_PATH, maskedPath);
    }
    for (Field f : LOGGED_TEXT) {
      String value = event.get(f);
      if (value != null) {
        // a field that is the subject itself (a principal named by the citizen's number) is
        // that person's pseudonym whatever its shape; otherwise identifier-shaped numbers are
        event.set(f, value.equals(clearSubject) || value.equals(clearParam)
            ? pseudonymizer.pseudonym(value) : masker.mask(value));
      }
    }
    for (Field f : LOGGED_NUMBERS) {
      if (IdentifierMasker.isIdentifierShaped(event.getLong(f))) {
        event.set(f, Event.NO_VALUE); // cannot be told from a person's number; the masked line keeps that there was one
      }
    }
    event.set(Field.ORIGINAL, masker.mask(line, clearSubject, clearParam));
    UrlFields.derive(event);
    // the last segment's extension stands alone: a dotted number's tail the masker rightly left in
    // the path (1.234500001485png) reads as an identifier there
    event.set(Field.URL_EXTENSION, masker.mask(event.get(Field.URL_EXTENSION)));

    if (clearSubject != null) {
      if (Pseudonymizer.isPseudonym(clearSubject)) {
        event.set(Field.SUBJECT_ID, clearSubject);
      } else {
        Pseudonymizer.Subject subject = pseudonymizer.subject(clearSubject);
        event.set(Field.SUBJECT_ID, subject.pseudonym());
        event.set(Field.SUBJECT_KIND, subject.kind());
        if (subject.block() != null) {
          event.set(Field.SUBJECT_BLOCK, subject.block());
          event.set(Field.SUBJECT_OFFSET, subject.offset());
        }
      }
    }

    EndpointTable.Endpoint endpoint = endpoint(event.get(Field.METHOD), event.get(Field.URL_PATH));
    event.set(Field.URL_TEMPLATE, endpoint.template());
    event.set(Field.ENDPOINT_CLASS, endpoint.endpointClass());

    String ip = event.get(Field.SOURCE_IP);
    if (ip != null) {
      event.set(Field.SOURCE_SUBNET, IpAddresses.subnetOf(ip));
    }
    event.set(Field.LOG_FILE, file);
    event.set(Field.LOG_LINE, lineNumber);
  }

  /**
   * The endpoint of a request, remembered per method and path: an API has few endpoints, and
   * matching a path against every entry of the table was a tenth of this stage's time (JFR, the
   * high-cardinality benchmark shape). Bounded, like the pseudonyms remembered.
   */
  private EndpointTable.Endpoint endpoint(String method, String path) {
    Map<String, EndpointTable.Endpoint> byPath = recentEndpoints.get(method);
    EndpointTable.Endpoint endpoint = byPath == null ? null : byPath.get(path);
    if (endpoint == null) {
      endpoint = endpoints.classify(method, path);
      if (recentEndpointCount >= RECENT_ENDPOINTS) {
        recentEndpoints.clear();
        recentEndpointCount = 0;
      }
      recentEndpoints.computeIfAbsent(method, m -> new HashMap<>()).put(path, endpoint);
      recentEndpointCount++;
    }
    return endpoint;
  }

  /**
   * {@code text} for a reject (a rejected line, a reason quoting log text): control and bidi
   * characters written as visible escapes first ({@link Escaping#visibleEscapes}), then
   * identifier-shaped numbers pseudonymised. In that order because an escape ends in hex digits:
   * {@code 9<TAB>123402324} escaped is {@code 9\x09123402324}, which shows a trunk-prefixed
   * mobile that masking the raw text (a one-digit group, then a tab) could not see.
   */
  public String maskText(String text) {
    return masker.mask(Escaping.visibleEscapes(text));
  }

  /** The query with identifier parameters' values pseudonymised, and the first clear one. */
  private ParamScan pseudonymizeParams(String query) {
    StringBuilder out = null;
    String first = null;
    int n = query.length();
    int start = 0;
    while (start <= n) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      int eq = query.indexOf('=', start);
      if (eq > start && eq < end && isIdentifierParam(query, start, eq)) {
        String raw = query.substring(eq + 1, end);
        String value = decode(raw);
        if (!Event.isAbsent(value) && !Pseudonymizer.isPseudonym(value)) {
          if (first == null) {
            first = value;
          }
          if (out == null) {
            out = new StringBuilder(n + 16).append(query, 0, eq + 1);
          } else {
            out.append(query, start, eq + 1);
          }
          out.append(pseudonymizer.pseudonym(value));
          if (amp >= 0) {
            out.append('&');
          }
          start = end + 1;
          continue;
        }
      }
      if (out != null) {
        out.append(query, start, end);
        if (amp >= 0) {
          out.append('&');
        }
      }
      if (amp < 0) {
        break;
      }
      start = end + 1;
    }
    return new ParamScan(out == null ? query : out.toString(), first);
  }

  private boolean isIdentifierParam(String query, int from, int to) {
    return identifierParams.contains(query.substring(from, to).toLowerCase(Locale.ROOT));
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return raw;
    }
  }

  private static String firstIdentifierSegment(String path) {
    for (String seg : path.split("/")) {
      if (!seg.isEmpty() && !Pseudonymizer.kindOf(seg).equals("other")) {
        return seg;
      }
    }
    return null;
  }

  private record ParamScan(String query, String firstIdentifier) {}
}
