package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void acceptsIpv4AndIpv6Forms() {
    assertEquals("203.0.113.7", IpAddresses.clientAddress("203.0.113.7"));
    assertEquals("::1", IpAddresses.clientAddress("::1"));
    assertEquals("::", IpAddresses.clientAddress("::"));
    assertEquals("2001:db8::7", IpAddresses.clientAddress("2001:db8::7"));
    assertEquals("2001:db8:0:0:0:0:0:7", IpAddresses.clientAddress("2001:db8:0:0:0:0:0:7"));
    assertEquals("fe80::1%eth0", IpAddresses.clientAddress("fe80::1%eth0"));
  }

  @Test
  void writesIpv4MappedIpv6AsTheIpv4Address() {
    assertEquals("192.0.2.1", IpAddresses.clientAddress("::ffff:192.0.2.1"));
    assertEquals("192.0.2.1", IpAddresses.clientAddress("::FFFF:192.0.2.1"));
    assertEquals("192.0.2.1", IpAddresses.clientAddress("0:0:0:0:0:ffff:c000:201"));
    assertEquals("192.0.2.1", IpAddresses.clientAddress("[::ffff:192.0.2.1]:443"));
    assertEquals("2001:db8::ffff:1", IpAddresses.clientAddress("2001:db8::ffff:1"), "not mapped: unchanged");
    assertEquals("::ffff:0:c000:201", IpAddresses.clientAddress("::ffff:0:c000:201"), "IPv4-translated: unchanged");
  }

  @Test
  void dropsPorts() {
    assertEquals("10.0.0.1", IpAddresses.clientAddress("10.0.0.1:48658"));
    assertEquals("2a02:cf40::4e36", IpAddresses.clientAddress("[2a02:cf40::4e36]:5000"));
    assertEquals("::1", IpAddresses.clientAddress("[::1]"));
  }

  @Test
  void rejectsNonAddresses() {
    assertNull(IpAddresses.clientAddress("999.1.1.1"));
    assertNull(IpAddresses.clientAddress("1.2.3"));
    assertNull(IpAddresses.clientAddress("1.2.3.4.5"));
    assertNull(IpAddresses.clientAddress("pcp740115pcs.reston01.va.comcast.net"));
    assertNull(IpAddresses.clientAddress("2001:db8::7::1"));
    assertNull(IpAddresses.clientAddress("1:2:3:4:5:6:7:8:9"));
    assertNull(IpAddresses.clientAddress("12345::1"));
    assertNull(IpAddresses.clientAddress("10.0.0.1:99999"));
    assertNull(IpAddresses.clientAddress("unix:"));
    assertNull(IpAddresses.clientAddress(""));
  }
}
