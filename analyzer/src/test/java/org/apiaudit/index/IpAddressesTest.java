package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IpAddressesTest {
  @Test
  void subnetOfIpv4IsTheSlash24() {
    assertEquals("203.0.113.0/24", IpAddresses.subnetOf("203.0.113.7"));
  }

  @Test
  void subnetOfIpv6IsTheSlash64() {
    assertEquals("2001:db8:0:7::/64", IpAddresses.subnetOf("2001:db8:0:7:1:2:3:4"));
  }

  @Test
  void subnetOfIpv4MappedIpv6IsTheIpv4Slash24() {
    // InetAddress turns ::ffff:a.b.c.d into a 4-byte address; this threw
    // ArrayIndexOutOfBoundsException and aborted the whole ingest.
    assertEquals("10.1.2.0/24", IpAddresses.subnetOf("::ffff:10.1.2.3"));
    assertEquals("192.0.2.0/24", IpAddresses.subnetOf("0:0:0:0:0:ffff:c000:201"));
  }

  @Test
  void subnetOfNonAddressIsNull() {
    assertNull(IpAddresses.subnetOf("example.org"));
    assertNull(IpAddresses.subnetOf("1.2.3"));
  }
}
