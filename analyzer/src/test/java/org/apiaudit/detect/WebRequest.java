package org.apiaudit.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One crafted web-server request for the SigmaHQ regression test, as a log line would carry it:
 * the request target split into path and query, as sent. Null means "not logged".
 *
 * <p>{@link #sigma(String)} is the test's own reading of a Sigma field name: what SigmaHQ's
 * authors mean by it, written down here independently of {@code field-mapping.yml} so that a
 * wrong mapping shows up as a deviation.
 */
record WebRequest(String method, String path, String query, long status, String userAgent, String referrer,
    String host, String contentType, String user, String ip) {

  /** Sigma names whose value is the request URI as sent: path, and {@code ?query} when there is one. */
  static final List<String> URI_NAMES = List.of("cs-uri-query", "cs-uri", "c-uri");
  /**
   * Sigma names SigmaHQ authors use both ways: as the URI ({@code contains: '/mgmt/tm/util/bash'},
   * SigmaHQ PR #471) and as the query string ({@code startswith: 'cmd='}, {@code null} for "no
   * query"); a value matches when it matches either.
   */
  static final List<String> URI_OR_QUERY_NAMES = List.of("cs-uri-query");
  /** Sigma names whose value is the path alone. */
  static final List<String> PATH_NAMES = List.of("cs-uri-stem", "c-uri-stem");
  /** Sigma names whose value is the query string alone (a proxy's {@code c-uri-query}). */
  static final List<String> QUERY_NAMES = List.of("c-uri-query");

  /** A request with nothing logged but its path. */
  static final WebRequest EMPTY = new WebRequest("GET", "/", null, 200, null, null, null, null, null, null);

  /** The request target as sent. */
  String uri() {
    return query == null ? path : path + "?" + query;
  }

  /** The extension of the path's last segment, without the dot (none for a dot file). */
  String extension() {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot <= slash + 1 || dot == path.length() - 1 ? null : path.substring(dot + 1);
  }

  /** The value of a Sigma webserver/proxy field name; IllegalArgumentException for a name the test does not know. */
  String sigma(String name) {
    if (URI_NAMES.contains(name)) {
      return uri();
    }
    if (PATH_NAMES.contains(name)) {
      return path;
    }
    if (QUERY_NAMES.contains(name)) {
      return query;
    }
    switch (name) {
      case "c-uri-extension": return extension();
      case "cs-method": return method;
      case "sc-status": return Long.toString(status);
      case "cs-user-agent": case "c-useragent": return userAgent;
      case "cs-referer": case "cs-referrer": return referrer;
      case "cs-host": return host;
      case "cs-content-type": return contentType;
      case "cs-username": return user;
      case "c-ip": case "src_ip": return ip;
      default: throw new IllegalArgumentException("the reference does not know the Sigma field " + name);
    }
  }

  /** The values a rule's value for {@code name} is matched against (it matches when it matches one). */
  List<String> sigmaValues(String name) {
    return URI_OR_QUERY_NAMES.contains(name) ? java.util.Arrays.asList(uri(), query)
        : java.util.Arrays.asList(sigma(name));
  }

  /** Every text an access log line shows for this request: what an unnamed keyword is searched in. */
  List<String> texts() {
    return java.util.Arrays.asList(method, uri(), Long.toString(status), userAgent, referrer, host, contentType, user);
  }

  /** The event as the rule tester indexes it (schema names; absent values left out). */
  Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    put(f, "source.ip", ip);
    put(f, "http.request.method", method);
    put(f, "url.path", path);
    put(f, "url.query", query);
    f.put("http.response.status_code", status);
    put(f, "user_agent.original", userAgent);
    put(f, "http.request.referrer", referrer);
    put(f, "url.domain", host);
    put(f, "http.request.mime_type", contentType);
    put(f, "auth.principal", user);
    return f;
  }

  private static void put(Map<String, Object> f, String name, String value) {
    if (value != null) {
      f.put(name, value);
    }
  }

  @Override
  public String toString() {
    return method + " " + uri() + " " + status + " ua=" + userAgent + (referrer == null ? "" : " ref=" + referrer)
        + (host == null ? "" : " host=" + host) + (contentType == null ? "" : " ctype=" + contentType)
        + (user == null ? "" : " user=" + user);
  }
}
