package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * The SIEM CSV export of gateway.md: a header row, then
 * {@code timestamp,client_ip,method,url,status,bytes,user_agent,auth_type,principal,subject}
 * with the timestamp in ISO-8601 with offset and the url as path plus query. Absent values are
 * empty fields (SIEMs export nulls that way); user agents are quoted per RFC 4180 when they
 * hold a comma or quote. Lines end in LF, which RFC 4180 readers accept.
 */
final class SiemCsvFormatter implements EventFormatter {
  static final String HEADER =
      "timestamp,client_ip,method,url,status,bytes,user_agent,auth_type,principal,subject";
  private static final byte[] HEADER_LINE = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);

  private final TimestampWriter time = new TimestampWriter();

  @Override
  public byte[] header() {
    return HEADER_LINE.clone();
  }

  @Override
  public void format(SimEvent e, AsciiBuffer out) {
    time.writeIsoLocal(e.epochMillis, out);
    out.append((byte) ',').appendIp(e.clientIp).append((byte) ',');
    out.append(e.endpoint.methodBytes).append((byte) ',');
    EventFormatter.appendTarget(e, out);
    out.append((byte) ',').appendLong(e.status).append((byte) ',').appendLong(e.bytes);
    out.append((byte) ',');
    if (e.userAgent != null) {
      out.append(e.userAgent.csv);
    }
    out.append((byte) ',').append(e.authType.bytes).append((byte) ',');
    if (e.principal != null) {
      out.append(e.principal);
    }
    out.append((byte) ',');
    if (e.subject != SimEvent.NO_SUBJECT) {
      out.appendLong(e.subject);
    }
    out.append((byte) '\n');
  }
}
