package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/**
 * A white-listed partner integration: a client id, a registered /28 it calls from, and an SDK
 * user agent. Its lookups follow its own users, hence the diurnal shape.
 */
final class Partner {
  /** How many addresses of its /28 a partner actually uses. */
  static final int ADDRESSES_IN_USE = 4;

  final String clientId;
  final byte[] clientIdBytes;
  /** First address of the registered /28. */
  final int rangeBase;
  final UserAgent userAgent;
  final double callsPerDay;

  Partner(String clientId, int rangeBase, UserAgent userAgent, double callsPerDay) {
    this.clientId = clientId;
    this.clientIdBytes = clientId.getBytes(StandardCharsets.US_ASCII);
    this.rangeBase = rangeBase;
    this.userAgent = userAgent;
    this.callsPerDay = callsPerDay;
  }

  /** The registered range in CIDR notation, for the ground truth. */
  String registeredRange() {
    return AddressSpace.format(rangeBase) + "/28";
  }
}
