package org.apiaudit.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic STIX identifiers: {@code type--UUIDv5(namespace, name)} (RFC 4122 §4.3, SHA-1).
 * The same content always gets the same id, so a re-run on the same evidence produces the
 * same objects and a consumer updates them instead of piling up duplicates.
 */
final class StixIds {
  /** This tool's namespace for its STIX domain objects (a fixed random UUID). */
  static final UUID NAMESPACE = UUID.fromString("6f1c3a52-8d0e-4a57-9b1e-2c4d7e9f0a13");

  private StixIds() {}

  /** {@code type--uuid5(NAMESPACE, name)}. */
  static String id(String type, String name) {
    return type + "--" + uuid5(NAMESPACE, type + "|" + name);
  }

  static UUID uuid5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-1", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
