package org.apiaudit.simulate;

import java.util.SplittableRandom;

/**
 * Which /16 networks each kind of caller comes from. Kept disjoint on purpose: a benign carrier
 * NAT address must never coincide with an attacker's, or the ground truth would call a benign
 * address an attacker's.
 */
final class AddressSpace {
  /** Mobile carriers' CGNAT egress: many citizens share each address. */
  static final int[] CARRIER_NAT = {net(49, 36), net(49, 37), net(157, 38), net(157, 48),
      net(106, 205), net(223, 187), net(223, 189)};
  /** Home broadband: one household per address. */
  static final int[] BROADBAND = {net(122, 161), net(122, 172), net(117, 96), net(59, 89),
      net(27, 4), net(1, 38)};
  /** Government and facility links where vaccinators work. */
  static final int[] FACILITIES = {net(164, 100), net(117, 239), net(14, 139)};
  /** Cloud regions where slot-finder bots run. */
  static final int[] CLOUD = {net(13, 232), net(13, 233), net(35, 154), net(35, 200),
      net(65, 0)};
  /** Hosting providers attackers rent from. */
  static final int[] HOSTING = {net(45, 146), net(185, 220), net(194, 26), net(103, 87)};
  /** Residential-proxy networks a distributed scraper rotates through. */
  static final int[] RESIDENTIAL_PROXY = {net(171, 48), net(171, 49), net(152, 58),
      net(42, 105), net(110, 226)};
  /** Partners' registered ranges (one /24 each, partners use a /28 of it). */
  static final int[] PARTNER_NETWORKS = {net(14, 143) | (22 << 8), net(115, 112) | (40 << 8),
      net(103, 21) | (58 << 8), net(52, 66) | (140 << 8)};

  private AddressSpace() {}

  /** A random host address in one of {@code networks} (/16s), avoiding .0 and .255. */
  static int randomHost(int[] networks, SplittableRandom rng) {
    int net = networks[rng.nextInt(networks.length)];
    return net | (rng.nextInt(256) << 8) | (1 + rng.nextInt(254));
  }

  /** A random /24 in one of {@code networks}, as its base address. */
  static int randomSubnet(int[] networks, SplittableRandom rng) {
    return networks[rng.nextInt(networks.length)] | (rng.nextInt(256) << 8);
  }

  static String format(int ip) {
    return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "."
        + (ip & 0xff);
  }

  private static int net(int a, int b) {
    return (a << 24) | (b << 16);
  }
}
