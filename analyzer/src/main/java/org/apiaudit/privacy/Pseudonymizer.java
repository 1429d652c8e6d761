package org.apiaudit.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces personal identifiers (mobile, Aadhaar, beneficiary reference ids) by keyed
 * HMAC-SHA-256 pseudonyms.
 *
 * <p>The same key always gives the same pseudonym, so counting distinct subjects and matching a
 * leak sample still work on pseudonymised data. Identifiers are normalised first (digits only,
 * a {@code +91} country code dropped), so {@code +91 98765 43210} and {@code 9876543210} are the
 * same person. Not thread-safe ({@link Mac} is not): one instance per thread.
 */
public final class Pseudonymizer {
  /** Prefix of every subject pseudonym, so they are recognisable in output and queries. */
  public static final String PREFIX = "ps-";
  /** Prefix of block pseudonyms (identifier without its last three digits). */
  public static final String BLOCK_PREFIX = "pb-";

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int PSEUDONYM_BYTES = 8;

  /**
   * Recent pseudonyms by raw identifier: a line usually carries its subject two or three times
   * (subject field, query parameter, original line), and busy subjects recur. Bounded, and only
   * in this thread's memory.
   */
  private static final int CACHE_SIZE = 4096;

  private final Mac mac;
  private final java.util.HashMap<String, String> cache = new java.util.HashMap<>(CACHE_SIZE * 2);
  private final java.util.HashMap<String, Subject> subjects = new java.util.HashMap<>(CACHE_SIZE * 2);

  public Pseudonymizer(CaseKey key) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
    }
  }

  /** The pseudonym of a personal identifier, e.g. {@code ps-3f9a0c1d2e4b5a69}. */
  public String pseudonym(String identifier) {
    String cached = cache.get(identifier);
    if (cached != null) {
      return cached;
    }
    return remember(identifier, PREFIX + keyed("id", normalize(identifier)));
  }

  private String remember(String identifier, String pseudonym) {
    if (cache.size() >= CACHE_SIZE) {
      cache.clear();
    }
    cache.put(identifier, pseudonym);
    return pseudonym;
  }

  /**
   * The pseudonym of the identifier's block (all but its last three digits), or null when it
   * has fewer than six digits.
   */
  public String blockPseudonym(String identifier) {
    return blockPseudonymOfDigits(normalize(identifier));
  }

  private String blockPseudonymOfDigits(String digits) {
    if (!hasBlock(digits)) {
      return null;
    }
    return BLOCK_PREFIX + keyed("block", digits.substring(0, digits.length() - 3));
  }

  /** The identifier's last three digits as a number (0-999), or -1 when it is not numeric. */
  public static long blockOffset(String identifier) {
    return blockOffsetOfDigits(normalize(identifier));
  }

  private static long blockOffsetOfDigits(String digits) {
    if (!hasBlock(digits)) {
      return -1;
    }
    int n = digits.length();
    return (digits.charAt(n - 3) - '0') * 100 + (digits.charAt(n - 2) - '0') * 10 + (digits.charAt(n - 1) - '0');
  }

  /** Whether normalised {@code digits} fall into a block: six digits or more, digits only. */
  private static boolean hasBlock(String digits) {
    return digits.length() >= 6 && isDigits(digits);
  }

  /** What kind of identifier this is, judged by its digits: mobile, aadhaar, reference, other. */
  public static String kindOf(String identifier) {
    return kindOfDigits(normalize(identifier));
  }

  private static String kindOfDigits(String digits) {
    if (!isDigits(digits)) {
      return "other";
    }
    switch (digits.length()) {
      case 10: return "mobile";
      case 12: return "aadhaar";
      case 14: return "reference";
      default: return "other";
    }
  }

  /**
   * What ingest records of a subject's clear identifier: its pseudonym, kind, and block
   * pseudonym and offset (null and -1 when it has no block).
   */
  public record Subject(String pseudonym, String kind, String block, long offset) {}

  /**
   * The {@link Subject} of {@code identifier}: the same values as {@link #pseudonym},
   * {@link #kindOf}, {@link #blockPseudonym} and {@link #blockOffset}, with the identifier
   * normalised once instead of four times, and remembered like pseudonyms: a busy subject's
   * block pseudonym is one keyed hash per line otherwise.
   */
  public Subject subject(String identifier) {
    Subject cached = subjects.get(identifier);
    if (cached != null) {
      return cached;
    }
    String digits = normalize(identifier);
    String pseudonym = cache.get(identifier);
    if (pseudonym == null) {
      pseudonym = remember(identifier, PREFIX + keyed("id", digits));
    }
    Subject s = new Subject(pseudonym, kindOfDigits(digits), blockPseudonymOfDigits(digits), blockOffsetOfDigits(digits));
    if (subjects.size() >= CACHE_SIZE) {
      subjects.clear();
    }
    subjects.put(identifier, s);
    return s;
  }

  /** Whether {@code value} is already one of our pseudonyms (never pseudonymise twice). */
  public static boolean isPseudonym(String value) {
    return value.startsWith(PREFIX) || value.startsWith(BLOCK_PREFIX);
  }

  /**
   * Digits only when the value is a formatted number ({@code +91 98765-43210}); otherwise the
   * value unchanged (trimmed), so non-numeric identifiers are still pseudonymised consistently.
   * A mobile's country code ({@code +91}, or {@code 91} set apart: {@code 91 98765 43210}) and
   * trunk prefix ({@code 098765 43210}) are dropped, so every spelling of a number is one person;
   * twelve bare digits starting with 91 stay twelve digits (an Aadhaar may start so).
   */
  static String normalize(String identifier) {
    String s = identifier.trim();
    boolean plus = s.startsWith("+");
    boolean prefixSetApart = false;
    StringBuilder digits = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == ' ' || c == '-' || c == '+' || c == '(' || c == ')') {
        prefixSetApart |= digits.length() == 2 && i > 0 && s.charAt(i - 1) >= '0' && s.charAt(i - 1) <= '9';
      } else {
        return s;
      }
    }
    int n = digits.length();
    if (n == 0) {
      return s;
    }
    if (n == 12 && digits.charAt(0) == '9' && digits.charAt(1) == '1' && (plus || prefixSetApart && digits.charAt(2) >= '6')) {
      return digits.substring(2);
    }
    if (n == 11 && digits.charAt(0) == '0' && digits.charAt(1) >= '6') {
      return digits.substring(1);
    }
    return digits.toString();
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  String keyed(String domain, String value) {
    for (int i = 0; i < domain.length(); i++) {
      mac.update((byte) domain.charAt(i)); // ASCII, without a byte array per pseudonym
    }
    mac.update((byte) 0);
    byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[PSEUDONYM_BYTES * 2];
    for (int i = 0; i < PSEUDONYM_BYTES; i++) {
      out[2 * i] = HEX[(h[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[h[i] & 0xf];
    }
    return new String(out);
  }
}
