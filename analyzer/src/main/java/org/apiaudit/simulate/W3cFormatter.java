package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * CloudFront-style W3C extended log: two directive lines, then tab-separated fields in UTC,
 * time-taken in seconds, the user agent URL-encoded (spaces as {@code %20}) and {@code -} for
 * absent values. Like {@code combined}, it carries no authentication fields.
 */
final class W3cFormatter implements EventFormatter {
  static final String FIELDS =
      "date time c-ip cs-method cs-uri-stem cs-uri-query sc-status sc-bytes time-taken"
          + " cs(User-Agent) cs(Referer)";
  private static final byte[] HEADER =
      ("#Version: 1.0\n#Fields: " + FIELDS + "\n").getBytes(StandardCharsets.US_ASCII);

  private final TimestampWriter time = new TimestampWriter();

  @Override
  public byte[] header() {
    return HEADER.clone();
  }

  @Override
  public void format(SimEvent e, AsciiBuffer out) {
    time.writeW3cUtc(e.epochMillis, out);
    out.append((byte) '\t').appendIp(e.clientIp).append((byte) '\t');
    out.append(e.endpoint.methodBytes).append((byte) '\t').append(e.endpoint.pathBytes);
    if (e.pathId >= 0) {
      out.appendLong(e.pathId);
    }
    out.append((byte) '\t');
    if (e.query.isEmpty()) {
      out.append(Dash.BYTES);
    } else {
      out.append(e.query);
    }
    out.append((byte) '\t').appendLong(e.status).append((byte) '\t').appendLong(e.bytes);
    out.append((byte) '\t').appendMillisAsSeconds(e.latencyMillis).append((byte) '\t');
    out.append(e.userAgent == null ? Dash.BYTES : e.userAgent.urlEncoded).append((byte) '\t');
    out.append(e.referrer == null ? Dash.BYTES : e.referrer).append((byte) '\n');
  }
}
