package org.apiaudit.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sigma's {@code base64offset} modifier: a value found somewhere inside base64-encoded text
 * encodes differently depending on its byte offset modulo 3, so each value becomes the three
 * encodings with the characters that depend on neighbouring bytes cut off (as pySigma does).
 */
final class Base64Offsets {
  private static final int[] START = {0, 2, 3};
  private static final int[] END_CUT = {0, 3, 2};

  private Base64Offsets() {}

  /** The three offset encodings of every value, in order. */
  static List<String> variants(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      byte[] raw = v.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        byte[] shifted = new byte[raw.length + i];
        java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
        System.arraycopy(raw, 0, shifted, i, raw.length);
        String enc = Base64.getEncoder().encodeToString(shifted);
        int cut = END_CUT[(raw.length + i) % 3];
        out.add(enc.substring(START[i], enc.length() - cut));
      }
    }
    return out;
  }
}
