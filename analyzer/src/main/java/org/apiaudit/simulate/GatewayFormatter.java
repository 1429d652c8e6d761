package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * The gateway's nginx-style text format of gateway.md:
 *
 * <pre>
 * $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
 * "$http_referer" "$http_user_agent" $request_time "$http_x_forwarded_for" $request_id
 * $auth_type $principal $subject
 * </pre>
 *
 * Absent values are {@code -}. This is the benchmark format, so it is kept branch-light.
 */
final class GatewayFormatter implements EventFormatter {
  private static final byte[] DASH_IN_QUOTES = "\"-\"".getBytes(StandardCharsets.US_ASCII);

  private final TimestampWriter time = new TimestampWriter();

  @Override
  public byte[] header() {
    return new byte[0];
  }

  @Override
  public void format(SimEvent e, AsciiBuffer out) {
    CombinedFormatter.appendCombined(e, out, time);
    out.append((byte) ' ').appendMillisAsSeconds(e.latencyMillis);
    out.append((byte) ' ');
    if (e.forwardedFor == 0) {
      out.append(DASH_IN_QUOTES);
    } else {
      out.append((byte) '"').appendIp(e.forwardedFor).append((byte) '"');
    }
    out.append((byte) ' ').appendHex(e.requestSeq, 12).append((byte) ' ');
    out.append(e.authType.bytes).append((byte) ' ');
    out.append(e.principal == null ? Dash.BYTES : e.principal).append((byte) ' ');
    if (e.subject == SimEvent.NO_SUBJECT) {
      out.append(Dash.BYTES);
    } else {
      out.appendLong(e.subject);
    }
    out.append((byte) '\n');
  }
}
