package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * The gateway's JSON-lines export of gateway.md, keys in the documented order, {@code null} for
 * absent values. Strings that could hold a quote or backslash (user agents) are escaped when the
 * {@link UserAgent} is built; the remaining strings are generated from digits, hex and fixed
 * ASCII paths, which need no escaping.
 */
final class JsonLinesFormatter implements EventFormatter {
  private static final byte[] TS = ascii("{\"ts\":\"");
  private static final byte[] REQUEST_ID = ascii("\",\"request_id\":\"");
  private static final byte[] CLIENT_IP = ascii("\",\"client_ip\":\"");
  private static final byte[] XFF = ascii("\",\"xff\":");
  private static final byte[] METHOD = ascii(",\"method\":\"");
  private static final byte[] PATH = ascii("\",\"path\":\"");
  private static final byte[] QUERY = ascii("\",\"query\":");
  private static final byte[] STATUS = ascii(",\"status\":");
  private static final byte[] BYTES = ascii(",\"bytes\":");
  private static final byte[] LATENCY = ascii(",\"latency_ms\":");
  private static final byte[] USER_AGENT = ascii(",\"user_agent\":");
  private static final byte[] REFERRER = ascii(",\"referrer\":");
  private static final byte[] WAF = ascii(",\"waf\":\"");
  private static final byte[] AUTH_TYPE = ascii("\",\"auth\":{\"type\":\"");
  private static final byte[] PRINCIPAL = ascii("\",\"principal\":");
  private static final byte[] FACILITY = ascii(",\"facility\":");
  private static final byte[] DISTRICT = ascii(",\"district\":");
  private static final byte[] SUBJECT = ascii("},\"subject\":");
  private static final byte[] NULL = ascii("null");

  private final TimestampWriter time = new TimestampWriter();

  @Override
  public byte[] header() {
    return new byte[0];
  }

  @Override
  public void format(SimEvent e, AsciiBuffer out) {
    out.append(TS);
    time.writeIsoLocal(e.epochMillis, out);
    out.append(REQUEST_ID).appendHex(e.requestSeq, 12);
    out.append(CLIENT_IP).appendIp(e.clientIp).append(XFF);
    if (e.forwardedFor == 0) {
      out.append(NULL);
    } else {
      out.append((byte) '"').appendIp(e.forwardedFor).append((byte) '"');
    }
    out.append(METHOD).append(e.endpoint.methodBytes).append(PATH).append(e.endpoint.pathBytes);
    if (e.pathId >= 0) {
      out.appendLong(e.pathId);
    }
    out.append(QUERY);
    if (e.query.isEmpty()) {
      out.append(NULL);
    } else {
      out.append((byte) '"').append(e.query).append((byte) '"');
    }
    out.append(STATUS).appendLong(e.status);
    out.append(BYTES).appendLong(e.bytes);
    out.append(LATENCY).appendLong(e.latencyMillis);
    out.append(USER_AGENT);
    if (e.userAgent == null) {
      out.append(NULL);
    } else {
      out.append((byte) '"').append(e.userAgent.json).append((byte) '"');
    }
    out.append(REFERRER);
    quotedOrNull(e.referrer, out);
    out.append(WAF).append(e.waf.bytes);
    out.append(AUTH_TYPE).append(e.authType.bytes).append(PRINCIPAL);
    quotedOrNull(e.principal, out);
    out.append(FACILITY);
    quotedOrNull(e.facility, out);
    out.append(DISTRICT);
    if (e.district == 0) {
      out.append(NULL);
    } else {
      out.append((byte) '"').appendLong(e.district).append((byte) '"');
    }
    out.append(SUBJECT);
    if (e.subject == SimEvent.NO_SUBJECT) {
      out.append(NULL);
    } else {
      out.append((byte) '"').appendLong(e.subject).append((byte) '"');
    }
    out.append((byte) '}').append((byte) '\n');
  }

  private static void quotedOrNull(byte[] value, AsciiBuffer out) {
    if (value == null) {
      out.append(NULL);
    } else {
      out.append((byte) '"').append(value).append((byte) '"');
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
