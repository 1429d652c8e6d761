package org.apiaudit.index;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one home of IP address literals: what a logged client address is, how it is parsed
 * without DNS, and the network it belongs to.
 *
 * <p>IPv4, the common case, is parsed by hand (no exceptions, no lookups); IPv6 is checked by
 * hand ({@link #isIpv6}, the same check {@link #clientAddress} makes) and then goes through
 * {@link InetAddress#getByName}, which never resolves a literal containing ':'.
 *
 * <p>A logged value that is not an address (a host name, {@code unix:}, a proxy's garbage) is
 * rejected rather than indexed, because the address is the first actor identifier and the index
 * stores it as an IP point. An address followed by a port ({@code 10.0.0.1:48658},
 * {@code [2a02:cf40::4e36]:5000}, as Traefik and Envoy write it) is reduced to the address. An
 * IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, what a dual-stack listener logs for an IPv4
 * client) is written as the IPv4 address it maps: it is the same client, and it must group with
 * that client's other events and fall in its /24.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /**
   * The address, or null when {@code text} is not an IPv4 or IPv6 literal. A zone
   * ({@code fe80::1%eth0}, which {@link #clientAddress} accepts) is dropped: it names the
   * listener's interface, not another client, and resolving an interface name would make the
   * answer depend on the machine.
   */
  public static InetAddress parse(String text) {
    byte[] v4 = parseV4(text);
    try {
      if (v4 != null) {
        return InetAddress.getByAddress(v4);
      }
      if (text.indexOf(':') >= 0 && isIpv6(text, 0, text.length())) {
        int zone = text.indexOf('%');
        return InetAddress.getByName(zone < 0 ? text : text.substring(0, zone));
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

  /**
   * Whether {@code subnet} is {@link #subnetOf}{@code (address)}: for IPv4, the common case,
   * compared in place without building the subnet's string (ingest asks once per event).
   */
  public static boolean isSubnetOf(String subnet, String address) {
    if (isIpv4(address, 0, address.length())) {
      int dot = address.lastIndexOf('.');
      return subnet.length() == dot + 5 && subnet.regionMatches(0, address, 0, dot + 1)
          && subnet.startsWith("0/24", dot + 1);
    }
    return subnet.equals(subnetOf(address));
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
    return scanV4(s, 0, s.length(), out, offset);
  }

  /**
   * The one reading of a dotted quad: four parts of 1-3 digits, each 0-255, written into
   * {@code out} (when not null) as they are read.
   */
  private static boolean scanV4(CharSequence s, int from, int to, byte[] out, int offset) {
    if (to - from < 7 || to - from > 15) {
      return false;
    }
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return false;
        }
      } else if (c == '.' && digits > 0 && part < 3) {
        if (out != null) {
          out[offset + part] = (byte) value;
        }
        part++;
        value = 0;
        digits = 0;
      } else {
        return false;
      }
    }
    if (part != 3 || digits == 0) {
      return false;
    }
    if (out != null) {
      out[offset + 3] = (byte) value;
    }
    return true;
  }

  /**
   * The address in {@code value} without any port, or {@code null} if {@code value} is not an
   * IPv4 or IPv6 address.
   */
  public static String clientAddress(String value) {
    int n = value.length();
    if (n == 0) {
      return null;
    }
    if (value.charAt(0) == '[') {
      int close = value.indexOf(']');
      if (close < 0 || !isIpv6(value, 1, close)) {
        return null;
      }
      if (close == n - 1 || (value.charAt(close + 1) == ':' && isPort(value, close + 2, n))) {
        return unmapIpv4(value.substring(1, close));
      }
      return null;
    }
    if (isIpv4(value, 0, n)) {
      return value;
    }
    if (isIpv6(value, 0, n)) {
      return unmapIpv4(value);
    }
    int colon = value.lastIndexOf(':');
    if (colon > 0 && value.indexOf(':') == colon && isIpv4(value, 0, colon) && isPort(value, colon + 1, n)) {
      return value.substring(0, colon);
    }
    return null;
  }

  /**
   * The IPv4 address an IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}, in any spelling:
   * {@code ::ffff:1.2.3.4}, {@code 0:0:0:0:0:FFFF:102:304}) stands for; any other IPv6 address
   * unchanged. {@code ipv6} has passed {@link #isIpv6}, so parsing it never resolves a name.
   */
  static String unmapIpv4(String ipv6) {
    if (ipv6.indexOf('%') >= 0 || !containsFfff(ipv6)) {
      return ipv6;
    }
    try {
      // InetAddress returns an Inet4Address exactly for the ::ffff:0:0/96 range.
      java.net.InetAddress a = java.net.InetAddress.getByName(ipv6);
      return a instanceof java.net.Inet4Address ? a.getHostAddress() : ipv6;
    } catch (java.net.UnknownHostException e) {
      return ipv6;
    }
  }

  private static boolean containsFfff(String s) {
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      run = c == 'f' || c == 'F' ? run + 1 : 0;
      if (run == 4) {
        return true;
      }
    }
    return false;
  }

  /** Whether [from, to) is a dotted-quad IPv4 address (each part 0-255, at most 3 digits). */
  static boolean isIpv4(CharSequence s, int from, int to) {
    return scanV4(s, from, to, null, 0);
  }

  /**
   * Whether [from, to) is an IPv6 address: up to eight groups of 1-4 hex digits, at most one
   * {@code ::}, optionally an IPv4 tail and a {@code %zone}.
   */
  static boolean isIpv6(CharSequence s, int from, int to) {
    int pct = -1;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '%') {
        pct = i;
        break;
      }
    }
    if (pct >= 0) {
      if (pct == to - 1) {
        return false;
      }
      to = pct;
    }
    if (to - from < 2) {
      return false;
    }
    int groups = 0;
    boolean compressed = false;
    int i = from;
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') {
        return false;
      }
      compressed = true;
      i += 2;
      if (i == to) {
        return true;
      }
    }
    while (i < to) {
      int start = i;
      while (i < to && i - start <= 4 && isHex(s.charAt(i))) {
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        // IPv4 tail: counts as two groups and must end the address.
        return isIpv4(s, start, to) && (compressed ? groups + 2 <= 7 : groups + 2 == 8);
      }
      int len = i - start;
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == to) {
          break;
        }
      } else if (i == to) {
        return false;
      }
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  /** Whether [from, to) is a port: 1-5 ASCII digits, at most 65535. */
  private static boolean isPort(CharSequence s, int from, int to) {
    int port = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9' || (port = port * 10 + (c - '0')) > 65535) {
        return false;
      }
    }
    return from < to && to - from <= 5;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
