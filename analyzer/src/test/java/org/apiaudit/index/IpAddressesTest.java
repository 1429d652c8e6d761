package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals: what is an address, how it is read without DNS, and the network it groups in. */
class IpAddressesTest {
  @Test
  void parsesDottedQuadsAndIpv6Literals() throws Exception {
    assertEquals(InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7}), IpAddresses.parse("203.0.113.7"));
    assertEquals(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), IpAddresses.parse("010.0.0.001"),
        "leading zeros are decimal, not octal");
    assertEquals(InetAddress.getByAddress(new byte[16]), IpAddresses.parse("::"));
    assertEquals("2001:db8:0:0:0:0:0:7", IpAddresses.parse("2001:DB8::7").getHostAddress());
    assertEquals("0:0:0:0:0:0:102:304", IpAddresses.parse("::1.2.3.4").getHostAddress());
  }

  @Test
  void anIpv4MappedAddressIsTheIpv4Address() {
    InetAddress mapped = IpAddresses.parse("::ffff:192.0.2.1");
    assertTrue(mapped instanceof Inet4Address, String.valueOf(mapped));
    assertEquals("192.0.2.1", mapped.getHostAddress());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.org", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4:80", "1..2.3",
      "1:2", "2001:db8::7::1", "12345::1", ":1::", "fe80::1%", "1:2:3:4:5:6:7:1.2.3.4", "", "-"})
  void anythingElseIsNoAddressAndIsNeverLookedUp(String text) {
    assertNull(IpAddresses.parse(text), text);
  }

  @Test
  void aZonedLinkLocalAddressIsTheAddressWithoutItsZone() {
    // clientAddress accepts fe80::1%eth0 (as logged by a listener on a link-local address); the
    // index must then find it, not keep it without its point and subnet.
    assertEquals("fe80::1%eth0", IpAddresses.clientAddress("fe80::1%eth0"));
    assertEquals(IpAddresses.parse("fe80::1").getHostAddress(), IpAddresses.parse("fe80::1%eth0").getHostAddress());
    assertEquals(IpAddresses.parse("fe80::1").getHostAddress(), IpAddresses.parse("fe80::1%2").getHostAddress());
    assertEquals("fe80:0:0:0::/64", IpAddresses.subnetOf("fe80::1%eth0"));
  }

  @Test
  void everyAddressIngestAcceptsIsFoundByItsNetwork(@TempDir Path dir) throws Exception {
    List<String> logged = List.of("10.1.2.3", "::ffff:10.1.2.4", "[2001:db8::7]:443", "fe80::1%eth0", "10.1.2.5:80");
    List<Event> events = new java.util.ArrayList<>();
    long ts = 0;
    for (String text : logged) {
      String ip = IpAddresses.clientAddress(text);
      events.add(new Event().set(Field.TIMESTAMP, ts++).set(Field.SOURCE_IP, ip).set(Field.SOURCE_SUBNET,
          IpAddresses.subnetOf(ip)));
    }
    try (TinyIndex index = TinyIndex.of(dir, events)) {
      assertEquals(3, index.count(FieldQueries.exact(Field.SOURCE_IP, "10.1.2.0/24")));
      assertEquals(3, index.count(FieldQueries.exact(Field.SOURCE_SUBNET, "10.1.2.0/24")));
      assertEquals(1, index.count(FieldQueries.exact(Field.SOURCE_IP, "2001:db8::/32")));
      assertEquals(1, index.count(FieldQueries.exact(Field.SOURCE_IP, "fe80::/10")));
      assertEquals(1, index.count(FieldQueries.exact(Field.SOURCE_SUBNET, "fe80:0:0:0::/64")));
      assertEquals(1, index.count(FieldQueries.exact(Field.SOURCE_IP, "::ffff:10.1.2.4")), "mapped or not, one client");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "::", "::1", "1:2:3:4:5:6:7::", "::1.2.3.4",
      "1:2:3:4:5:6:1.2.3.4", "FE80::1%en0", "fe80::1%25", "[::ffff:10.0.0.1]:8080", "2001:0db8:0000::0001"})
  void everyAddressIngestAcceptsIsReadAsAnAddress(String logged) {
    String ip = IpAddresses.clientAddress(logged);
    assertTrue(ip != null && IpAddresses.parse(ip) != null && IpAddresses.subnetOf(ip) != null, logged + " -> " + ip);
  }

  @Test
  void ipv6EdgeFormsAreAcceptedAsClientAddresses() {
    assertEquals("1:2:3:4:5:6:7::", IpAddresses.clientAddress("1:2:3:4:5:6:7::"));
    assertEquals("::1.2.3.4", IpAddresses.clientAddress("::1.2.3.4"));
    assertEquals("1:2:3:4:5:6:1.2.3.4", IpAddresses.clientAddress("1:2:3:4:5:6:1.2.3.4"));
    assertNull(IpAddresses.clientAddress("[::1]:"));
    assertNull(IpAddresses.clientAddress("[::1]x"));
    assertNull(IpAddresses.clientAddress("[1.2.3.4]"), "brackets hold IPv6 only");
    assertNull(IpAddresses.clientAddress("[::1"));
  }

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
