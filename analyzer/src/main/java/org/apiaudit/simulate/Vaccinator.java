package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * A vaccinator account: tied to one facility in one district, working from the facility's
 * address with a desktop browser. The misuse scenario borrows one of these ids.
 */
final class Vaccinator {
  final String id;
  final byte[] idBytes;
  final byte[] facility;
  final int district;
  final int ip;
  final UserAgent userAgent;
  /** Mean pause between searches: a few dozen to a few hundred searches a day. */
  final long meanGapMillis;

  Vaccinator(String id, String facility, int district, int ip, UserAgent userAgent,
      long meanGapMillis) {
    this.id = id;
    this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
    this.facility = facility.getBytes(StandardCharsets.US_ASCII);
    this.district = district;
    this.ip = ip;
    this.userAgent = userAgent;
    this.meanGapMillis = meanGapMillis;
  }
}
