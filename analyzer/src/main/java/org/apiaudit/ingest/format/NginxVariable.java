package org.apiaudit.ingest.format;

import java.util.HashMap;
import java.util.Map;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * What an nginx {@code log_format} variable feeds in the event, and how its text is read.
 *
 * <p>Variables the analyzer has no use for ({@code $server_name}, {@code $upstream_addr}, …)
 * are {@link #IGNORED}: still read, so the columns after them line up.
 */
enum NginxVariable {
  IGNORED,
  REMOTE_ADDR,
  TIME_LOCAL,
  TIME_ISO8601,
  MSEC,
  REQUEST,
  REQUEST_METHOD,
  REQUEST_URI,
  URI,
  ARGS,
  STATUS,
  BYTES,
  REQUEST_TIME,
  REFERER,
  USER_AGENT,
  FORWARDED_FOR,
  REQUEST_ID,
  /** {@code $host}, {@code $http_host}: the host the client named (see {@link Field#URL_DOMAIN}). */
  HOST,
  /** HTTP basic-auth user: the only principal a plain web server knows; kept when not '-'. */
  REMOTE_USER,
  AUTH_TYPE,
  /** The gateway's resolved principal; wins over {@code $remote_user} when both are logged. */
  PRINCIPAL,
  SUBJECT,
  FACILITY,
  DISTRICT,
  WAF_ACTION,
  /** The request's Content-Type header. */
  CONTENT_TYPE;

  private static final Map<String, NginxVariable> BY_NAME = new HashMap<>();

  static {
    BY_NAME.put("remote_addr", REMOTE_ADDR);
    BY_NAME.put("time_local", TIME_LOCAL);
    BY_NAME.put("time_iso8601", TIME_ISO8601);
    BY_NAME.put("msec", MSEC);
    BY_NAME.put("request", REQUEST);
    BY_NAME.put("request_method", REQUEST_METHOD);
    BY_NAME.put("request_uri", REQUEST_URI);
    BY_NAME.put("uri", URI);
    BY_NAME.put("document_uri", URI);
    BY_NAME.put("args", ARGS);
    BY_NAME.put("query_string", ARGS);
    BY_NAME.put("status", STATUS);
    BY_NAME.put("body_bytes_sent", BYTES);
    BY_NAME.put("bytes_sent", BYTES);
    BY_NAME.put("request_time", REQUEST_TIME);
    BY_NAME.put("http_referer", REFERER);
    BY_NAME.put("http_user_agent", USER_AGENT);
    BY_NAME.put("http_x_forwarded_for", FORWARDED_FOR);
    BY_NAME.put("request_id", REQUEST_ID);
    BY_NAME.put("host", HOST);
    BY_NAME.put("http_host", HOST);
    BY_NAME.put("remote_user", REMOTE_USER);
    BY_NAME.put("auth_type", AUTH_TYPE);
    BY_NAME.put("principal", PRINCIPAL);
    BY_NAME.put("subject", SUBJECT);
    BY_NAME.put("facility", FACILITY);
    BY_NAME.put("district", DISTRICT);
    BY_NAME.put("waf_action", WAF_ACTION);
    BY_NAME.put("content_type", CONTENT_TYPE);
    BY_NAME.put("http_content_type", CONTENT_TYPE);
  }

  /** The handler for variable {@code name} (without {@code $}); unknown names are ignored. */
  static NginxVariable of(String name) {
    return BY_NAME.getOrDefault(name, IGNORED);
  }

  /** Puts the value [from, to) of {@code s} into {@code event}; returns a reject reason or null. */
  String apply(String s, int from, int to, Event event) {
    switch (this) {
      case IGNORED:
        return null;
      case REMOTE_ADDR:
        return Values.clientAddress(event, s, from, to);
      case TIME_LOCAL:
        return Values.timestamp(event, Timestamps.nginxLocal(s, from, to), s, from, to);
      case TIME_ISO8601:
        // nginx always writes the offset, so the zone is never consulted.
        return Values.timestamp(
            event, Timestamps.iso(s, from, to, java.time.ZoneOffset.UTC), s, from, to);
      case MSEC:
        return Values.timestamp(event, Timestamps.epochSeconds(s, from, to), s, from, to);
      case REQUEST:
        Values.requestLine(event, s, from, to);
        return null;
      case REQUEST_METHOD:
        Values.text(event, Field.METHOD, s, from, to);
        return null;
      case REQUEST_URI:
        Values.url(event, s, from, to);
        return null;
      case URI:
        Values.text(event, Field.URL_PATH, s, from, to);
        return null;
      case ARGS:
        Values.text(event, Field.URL_QUERY, s, from, to);
        return null;
      case STATUS:
        return Values.integer(event, Field.STATUS, "status", s, from, to);
      case BYTES:
        return Values.integer(event, Field.BYTES, "bytes", s, from, to);
      case REQUEST_TIME:
        return Values.latency(event, s, from, to, 3);
      case REFERER:
        Values.text(event, Field.REFERRER, s, from, to);
        return null;
      case USER_AGENT:
        Values.text(event, Field.USER_AGENT, s, from, to);
        return null;
      case FORWARDED_FOR:
        Values.text(event, Field.FORWARDED_FOR, s, from, to);
        return null;
      case REQUEST_ID:
        Values.text(event, Field.REQUEST_ID, s, from, to);
        return null;
      case HOST:
        Values.domain(event, s, from, to);
        return null;
      case REMOTE_USER:
      case PRINCIPAL:
        Values.textIfPresent(event, Field.PRINCIPAL, s, from, to);
        return null;
      case AUTH_TYPE:
        Values.text(event, Field.AUTH_TYPE, s, from, to);
        return null;
      case SUBJECT:
        Values.text(event, Field.SUBJECT_ID, s, from, to);
        return null;
      case FACILITY:
        Values.text(event, Field.FACILITY, s, from, to);
        return null;
      case DISTRICT:
        Values.text(event, Field.DISTRICT, s, from, to);
        return null;
      case WAF_ACTION:
        Values.text(event, Field.WAF_ACTION, s, from, to);
        return null;
      case CONTENT_TYPE:
        Values.text(event, Field.MIME_TYPE, s, from, to);
        return null;
      default:
        throw new AssertionError(this);
    }
  }
}
