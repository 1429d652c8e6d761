package org.apiaudit.ingest.format;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a W3C extended log field ({@code #Fields:} name) feeds, for IIS and CloudFront.
 *
 * <p>Names are matched case-insensitively: IIS writes {@code cs(User-Agent)}, other servers
 * {@code cs(user-agent)}. Fields not listed here are read and ignored.
 */
enum W3cColumn {
  IGNORED,
  DATE,
  TIME,
  CLIENT_IP,
  METHOD,
  URI_STEM,
  URI_QUERY,
  /** {@code cs-uri}: path and query in one. */
  URI,
  STATUS,
  BYTES,
  /** Milliseconds in IIS, seconds with a fraction in CloudFront. */
  TIME_TAKEN,
  USER_AGENT,
  REFERER,
  USERNAME,
  FORWARDED_FOR,
  REQUEST_ID,
  /** {@code cs(Content-Type)}: the request's Content-Type header. */
  CONTENT_TYPE;

  private static final Map<String, W3cColumn> BY_NAME = new HashMap<>();

  static {
    BY_NAME.put("date", DATE);
    BY_NAME.put("time", TIME);
    BY_NAME.put("c-ip", CLIENT_IP);
    BY_NAME.put("cs-method", METHOD);
    BY_NAME.put("cs-uri-stem", URI_STEM);
    BY_NAME.put("cs-uri-query", URI_QUERY);
    BY_NAME.put("cs-uri", URI);
    BY_NAME.put("sc-status", STATUS);
    BY_NAME.put("sc-bytes", BYTES);
    BY_NAME.put("time-taken", TIME_TAKEN);
    BY_NAME.put("cs(user-agent)", USER_AGENT);
    BY_NAME.put("cs(referer)", REFERER);
    BY_NAME.put("cs(referrer)", REFERER);
    BY_NAME.put("cs-username", USERNAME);
    BY_NAME.put("x-forwarded-for", FORWARDED_FOR);
    BY_NAME.put("cs(x-forwarded-for)", FORWARDED_FOR);
    BY_NAME.put("x-edge-request-id", REQUEST_ID);
    BY_NAME.put("cs(content-type)", CONTENT_TYPE);
  }

  static W3cColumn of(String name) {
    return BY_NAME.getOrDefault(name.toLowerCase(Locale.ROOT), IGNORED);
  }
}
