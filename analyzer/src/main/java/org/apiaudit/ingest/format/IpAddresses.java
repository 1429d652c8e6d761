package org.apiaudit.ingest.format;

/**
 * Checks that a logged client address is an IPv4 or IPv6 literal, without parsing it into
 * an {@code InetAddress} (which may resolve names and allocates).
 *
 * <p>A value that is not an address (a host name, {@code unix:}, a proxy's garbage) is rejected
 * rather than indexed, because the address is the first actor identifier and the index stores
 * it as an IP point. An address followed by a port ({@code 10.0.0.1:48658},
 * {@code [2a02:cf40::4e36]:5000}, as Traefik and Envoy write it) is reduced to the address.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, what a dual-stack listener logs for
 * an IPv4 client) is written as the IPv4 address it maps: it is the same client, and it must
 * group with that client's other events and fall in its /24.
 */
final class IpAddresses {
  private IpAddresses() {}

  /**
   * The address in {@code value} without any port, or {@code null} if {@code value} is not an
   * IPv4 or IPv6 address.
   */
  static String clientAddress(String value) {
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
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int v = 0;
      while (i < to && i - start < 4) {
        int d = s.charAt(i) - '0';
        if (d < 0 || d > 9) {
          break;
        }
        v = v * 10 + d;
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 3 || v > 255) {
        return false;
      }
      parts++;
      if (i == to) {
        return parts == 4;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return false;
      }
      i++;
    }
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

  private static boolean isPort(CharSequence s, int from, int to) {
    long port = Decimals.integer(s, from, to);
    return to - from <= 5 && port >= 0 && port <= 65535;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
