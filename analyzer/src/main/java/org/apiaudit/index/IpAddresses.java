package org.apiaudit.index;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without DNS and derives the client's network.
 *
 * <p>IPv4, the common case, is parsed by hand (no exceptions, no lookups); IPv6 goes through
 * {@link InetAddress#getByName}, which never resolves a literal containing ':'.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /** The address, or null when {@code text} is not an IPv4 or IPv6 literal. */
  public static InetAddress parse(String text) {
    byte[] v4 = parseV4(text);
    try {
      if (v4 != null) {
        return InetAddress.getByAddress(v4);
      }
      if (text.indexOf(':') >= 0 && isHexColonDot(text)) {
        return InetAddress.getByName(text);
      }
    } catch (UnknownHostException e) {
      return null;
    }
    return null;
  }

  /**
   * The network an address belongs to for grouping: {@code a.b.c.0/24} for IPv4, the /64 for
   * IPv6; null when {@code text} is not an address. An IPv4-mapped IPv6 address
   * ({@code ::ffff:1.2.3.4}) is an IPv4 client and gets its /24.
   */
  public static String subnetOf(String text) {
    if (parseV4(text) != null) {
      return text.substring(0, text.lastIndexOf('.')) + ".0/24";
    }
    InetAddress a = parse(text);
    if (a == null) {
      return null;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
    }
    if (b.length != 16) {
      return null;
    }
    StringBuilder sb = new StringBuilder(24);
    for (int i = 0; i < 8; i += 2) {
      sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
    }
    return sb.append(":/64").toString();
  }

  static byte[] parseV4(String s) {
    byte[] out = new byte[4];
    return parseV4Into(s, out, 0) ? out : null;
  }

  /**
   * Parses an IPv4 literal into {@code out[offset..offset+3]} without allocating; false (with
   * {@code out} partly written) when {@code s} is not one.
   */
  static boolean parseV4Into(String s, byte[] out, int offset) {
    int n = s.length();
    if (n < 7 || n > 15) {
      return false;
    }
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return false;
        }
      } else if (c == '.' && digits > 0 && part < 3) {
        out[offset + part++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return false;
      }
    }
    if (part != 3 || digits == 0) {
      return false;
    }
    out[offset + 3] = (byte) value;
    return true;
  }

  private static boolean isHexColonDot(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
          || c == ':' || c == '.' || c == '%';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
