package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * Apache/nginx {@code combined}, as an edge web server in front of the gateway writes it: no
 * authentication, principal or subject, so detection has only IP, user agent and query.
 *
 * <pre>$remote_addr - - [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"</pre>
 */
final class CombinedFormatter implements EventFormatter {
  private static final byte[] AFTER_IP = " - - [".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HTTP_11 = " HTTP/1.1\" ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] QUOTE_SPACE_QUOTE = "\" \"".getBytes(StandardCharsets.US_ASCII);

  private final TimestampWriter time = new TimestampWriter();

  @Override
  public byte[] header() {
    return new byte[0];
  }

  @Override
  public void format(SimEvent e, AsciiBuffer out) {
    appendCombined(e, out, time);
    out.append((byte) '\n');
  }

  /**
   * The combined part of a line, up to the user agent's closing quote: the gateway format
   * starts with exactly this and appends its own fields.
   */
  static void appendCombined(SimEvent e, AsciiBuffer out, TimestampWriter time) {
    out.appendIp(e.clientIp).append(AFTER_IP);
    time.writeNginxLocal(e.epochMillis, out);
    out.append((byte) ']').append((byte) ' ').append((byte) '"');
    out.append(e.endpoint.methodBytes).append((byte) ' ');
    EventFormatter.appendTarget(e, out);
    out.append(HTTP_11).appendLong(e.status).append((byte) ' ').appendLong(e.bytes);
    out.append((byte) ' ').append((byte) '"');
    out.append(e.referrer == null ? Dash.BYTES : e.referrer);
    out.append(QUOTE_SPACE_QUOTE);
    out.append(e.userAgent == null ? Dash.BYTES : e.userAgent.raw);
    out.append((byte) '"');
  }
}
