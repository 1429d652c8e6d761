package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/** Query-string parameter prefixes, encoded once: they are written on most lines. */
final class QueryKeys {
  static final byte[] REFERENCE_ID = ascii("beneficiary_reference_id=");
  static final byte[] MOBILE = ascii("mobile=");
  static final byte[] DISTRICT_ID = ascii("district_id=");
  static final byte[] PINCODE = ascii("pincode=");

  private QueryKeys() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
