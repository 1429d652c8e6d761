package org.apiaudit.serve;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The decoded parameters of a request's query string (or a form body); the last of a repeated name wins. */
final class Params {
  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  static Params of(URI uri) {
    return parse(uri.getRawQuery());
  }

  /** Parses {@code a=1&b=x%20y}; a malformed escape is a 400. */
  static Params parse(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("malformed parameter encoding in the URL");
        }
      }
    }
    return new Params(values);
  }

  /** The value, or null when absent or blank. */
  String get(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  String get(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} when absent; else a 400 naming it. */
  int intValue(String name, int fallback, int min, int max) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number");
    }
    if (n < min || n > max) {
      throw new ApiException(n > max ? 413 : 400, name + " must be between " + min + " and " + max + "; got " + n);
    }
    return n;
  }
}
