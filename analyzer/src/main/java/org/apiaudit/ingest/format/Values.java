package org.apiaudit.ingest.format;

import org.apiaudit.index.IpAddresses;
import org.apiaudit.ingest.Reject;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * The one policy every format uses to put a logged value into an {@link Event}: what counts
 * as absent, how numbers and addresses are checked, how a URL or request line is split, and
 * the wording of reject reasons.
 *
 * <p>Values are given as a character range of a larger string so that formats scanning a line
 * only allocate the substrings they keep. Every setter returns {@code null} or a reject reason.
 */
final class Values {
  /** Longest value quoted back in a reject reason; keeps reasons short and lines unrepeated. */
  private static final int MAX_QUOTED = 60;

  /** HTTP status codes are three digits (RFC 9110 15); anything else is a misparse or garbage. */
  static final long MIN_STATUS = 100;
  static final long MAX_STATUS = 999;
  /** A response body over a tebibyte in an API's access log is a corrupt field, not a download. */
  static final long MAX_BYTES = 1L << 40;
  /** A request taking longer than a day is a corrupt field (or a unit mix-up), not a slow API. */
  static final long MAX_LATENCY_MS = 86_400_000L;

  private Values() {}

  /** Whether [from, to) is the logs' absent marker: empty or a lone {@code -}. */
  static boolean isAbsent(String s, int from, int to) {
    return from >= to || (to - from == 1 && s.charAt(from) == '-');
  }

  /** Sets a text field; the absent marker leaves it unset. */
  static void text(Event event, Field field, String s, int from, int to) {
    event.set(field, isAbsent(s, from, to) ? null : s.substring(from, to));
  }

  /** Sets a text field only when the value is present (never clears an earlier value). */
  static void textIfPresent(Event event, Field field, String s, int from, int to) {
    if (!isAbsent(s, from, to)) {
      event.set(field, s.substring(from, to));
    }
  }

  /**
   * Sets a whole-number field ({@link Field#STATUS}, {@link Field#BYTES}); absent allowed.
   * A status must lie in {@value #MIN_STATUS}..{@value #MAX_STATUS}, except 0, which Envoy and
   * Istio write when no response was sent and which is read as absent; bytes must be at most
   * {@link #MAX_BYTES}. A value out of range rejects the line (negative numbers are malformed
   * already): it means the columns were misread, and the rest of the line cannot be trusted.
   */
  static String integer(Event event, Field field, String what, String s, int from, int to) {
    if (isAbsent(s, from, to)) {
      event.set(field, Event.NO_VALUE);
      return null;
    }
    long v = Decimals.integer(s, from, to);
    if (v == Decimals.INVALID) {
      return bad(what, s, from, to);
    }
    if (field == Field.STATUS) {
      if (v == 0) {
        event.set(field, Event.NO_VALUE);
        return null;
      }
      if (v < MIN_STATUS || v > MAX_STATUS) {
        return what + " " + quote(s, from, to) + " outside " + MIN_STATUS + ".." + MAX_STATUS;
      }
    } else if (field == Field.BYTES && v > MAX_BYTES) {
      return what + " " + quote(s, from, to) + " over " + MAX_BYTES + " (1 TiB)";
    }
    event.set(field, v);
    return null;
  }

  /** Sets {@link Field#LATENCY_MS} from a decimal in a unit 10^{@code shift} ms. */
  static String latency(Event event, String s, int from, int to, int shift) {
    if (isAbsent(s, from, to)) {
      event.set(Field.LATENCY_MS, Event.NO_VALUE);
      return null;
    }
    long v = Decimals.scaled(s, from, to, shift);
    if (v == Decimals.INVALID) {
      return bad("latency", s, from, to);
    }
    if (v > MAX_LATENCY_MS) {
      return "latency " + quote(s, from, to) + " over " + MAX_LATENCY_MS + " ms (a day)";
    }
    event.set(Field.LATENCY_MS, v);
    return null;
  }

  /** Sets {@link Field#TIMESTAMP} from epoch millis, or returns the reason naming the value. */
  static String timestamp(Event event, long millis, String s, int from, int to) {
    if (millis == Timestamps.INVALID) {
      return bad("timestamp", s, from, to);
    }
    event.set(Field.TIMESTAMP, millis);
    return null;
  }

  /** Sets {@link Field#SOURCE_IP} if the value is an IP address (port dropped); absent allowed. */
  static String clientAddress(Event event, String s, int from, int to) {
    if (isAbsent(s, from, to)) {
      event.set(Field.SOURCE_IP, null);
      return null;
    }
    String ip = IpAddresses.clientAddress(from == 0 && to == s.length() ? s : s.substring(from, to));
    if (ip == null) {
      return bad("client address", s, from, to);
    }
    event.set(Field.SOURCE_IP, ip);
    return null;
  }

  /**
   * Sets {@link Field#URL_PATH} and {@link Field#URL_QUERY} from a request target: split at the
   * first {@code ?}. An absolute {@code http(s)://host/…} target (what a client sends to a
   * proxy) keeps its path as the path, its host in {@link Field#URL_DOMAIN} and its scheme in
   * {@link Field#URL_SCHEME}. An empty query ({@code /x?}) is absent.
   */
  static void url(Event event, String s, int from, int to) {
    if (isAbsent(s, from, to)) {
      event.set(Field.URL_PATH, null);
      event.set(Field.URL_QUERY, null);
      return;
    }
    int start = from;
    if (s.charAt(from) != '/' && (startsWith(s, from, to, "http://") || startsWith(s, from, to, "https://"))) {
      int hostFrom = s.indexOf("//", from) + 2;
      int slash = indexOf(s, '/', hostFrom, to);
      start = slash < 0 ? to : slash;
      int hostTo = slash < 0 ? to : slash;
      int q = indexOf(s, '?', hostFrom, hostTo);
      domain(event, s, hostFrom, q < 0 ? hostTo : q);
      event.set(Field.URL_SCHEME, s.substring(from, hostFrom - 3).toLowerCase(java.util.Locale.ROOT));
    }
    int q = indexOf(s, '?', start, to);
    int pathEnd = q < 0 ? to : q;
    event.set(Field.URL_PATH, start == pathEnd ? (start == to && start != from ? "/" : null) : s.substring(start, pathEnd));
    event.set(Field.URL_QUERY, q < 0 || q + 1 == to ? null : s.substring(q + 1, to));
  }

  /**
   * Sets {@link Field#URL_DOMAIN} from a host as logged ({@code $host}, a Host header, an
   * Apache {@code %v}, an authority {@code host:port}): the port and any user info are dropped,
   * the name lower-cased (DNS names are case-insensitive), IPv6 brackets kept. Absent allowed.
   */
  static void domain(Event event, String s, int from, int to) {
    int at = lastIndexOf(s, '@', from, to);
    int start = at < 0 ? from : at + 1;
    if (start >= to) {
      event.set(Field.URL_DOMAIN, null);
      return;
    }
    int end = to;
    int close = s.charAt(start) == '[' ? indexOf(s, ']', start, to) : -1;
    int colon = lastIndexOf(s, ':', close < 0 ? start : close, to);
    if (colon >= 0 && (close >= 0 || indexOf(s, ':', start, colon) < 0)) {
      end = colon; // host:port, [v6]:port; a bare IPv6 address has more than one colon
    }
    event.set(Field.URL_DOMAIN, isAbsent(s, start, end) ? null : s.substring(start, end).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Sets method, path and query from an HTTP request line ({@code GET /p?q HTTP/1.1}), and the
   * protocol version when one is named ({@link Field#HTTP_VERSION}: {@code 1.1} of
   * {@code HTTP/1.1}). The protocol is optional, and a target may contain spaces (the protocol
   * is looked for after the last space). {@code CONNECT host:port} names a host, not a path: it
   * goes to {@link Field#URL_DOMAIN}. The request line never rejects a line: a {@code -}, a TLS
   * handshake sent to a plain-HTTP port ({@code \x16\x03\x01…}) or other garbage leaves method
   * and path absent, because the rest of the line (address, time, status) is still evidence.
   */
  static void requestLine(Event event, String s, int from, int to) {
    event.set(Field.METHOD, null);
    event.set(Field.URL_PATH, null);
    event.set(Field.URL_QUERY, null);
    int sp = indexOf(s, ' ', from, to);
    if (sp <= from || sp - from > 24 || !isMethod(s, from, sp)) {
      return;
    }
    int targetFrom = sp + 1;
    int targetTo = to;
    int last = lastIndexOf(s, ' ', targetFrom, to);
    if (last > targetFrom && startsWith(s, last + 1, to, "HTTP/")) {
      targetTo = last;
      event.set(Field.HTTP_VERSION, last + 6 < to ? s.substring(last + 6, to) : null);
    }
    if (targetFrom >= targetTo) {
      return;
    }
    event.set(Field.METHOD, s.substring(from, sp));
    if (sp - from == 7 && s.startsWith("CONNECT", from) && s.charAt(targetFrom) != '/') {
      domain(event, s, targetFrom, targetTo);
      return;
    }
    url(event, s, targetFrom, targetTo);
  }

  /**
   * The reject reason for a malformed value: {@code bad status '2x0'}. A long value is cut to
   * {@link #MAX_QUOTED} characters, never inside a surrogate pair and never inside a run of
   * digits, so the caller's identifier masker still sees an identifier-shaped number whole (or
   * not at all) instead of its first digits.
   */
  static String bad(String what, String s, int from, int to) {
    return "bad " + what + " " + quote(s, from, to);
  }

  /** [from, to) in single quotes, cut as {@link #bad} describes. */
  private static String quote(String s, int from, int to) {
    int end = Reject.cutEnd(s, from, to, MAX_QUOTED);
    return "'" + s.substring(from, end) + (end < to ? "…'" : "'");
  }

  private static boolean isMethod(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWith(String s, int from, int to, String prefix) {
    return to - from >= prefix.length() && s.startsWith(prefix, from);
  }

  static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(String s, char c, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
