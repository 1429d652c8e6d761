package org.apiaudit.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growable byte buffer for ASCII text with allocation-free number formatting.
 *
 * <p>Why not a {@code StringBuilder}: every generated line would then be encoded from UTF-16 to
 * bytes again, which costs as much as building it. Everything the simulator writes is ASCII, so
 * lines are built directly as bytes and handed to the output stream in large chunks.
 */
final class AsciiBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DIGIT_PAIRS = new byte[200];

  /** "0" to "255", for dotted quads: an IP is on every line. */
  private static final byte[][] OCTETS = new byte[256][];

  static {
    for (int i = 0; i < 256; i++) {
      OCTETS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private byte[] bytes;
  private int length;

  AsciiBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  void clear() {
    length = 0;
  }

  /** Makes room for {@code extra} more bytes; callers reserve once per line for the fast paths. */
  void reserve(int extra) {
    if (length + extra > bytes.length) {
      byte[] grown = new byte[Math.max(bytes.length * 2, length + extra)];
      System.arraycopy(bytes, 0, grown, 0, length);
      bytes = grown;
    }
  }

  AsciiBuffer append(byte b) {
    reserve(1);
    bytes[length++] = b;
    return this;
  }

  AsciiBuffer append(byte[] b) {
    reserve(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
    return this;
  }

  AsciiBuffer append(AsciiBuffer other) {
    reserve(other.length);
    System.arraycopy(other.bytes, 0, bytes, length, other.length);
    length += other.length;
    return this;
  }

  /** Appends a string known to be ASCII; for rare, non-hot-path text only. */
  AsciiBuffer append(String ascii) {
    return append(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /** Appends a non-negative or negative integer in decimal. */
  AsciiBuffer appendLong(long value) {
    reserve(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    if (value < 10) {
      bytes[length++] = (byte) ('0' + value);
      return this;
    }
    int digits = digitCount(value);
    int pos = length + digits;
    length = pos;
    while (value >= 100) {
      int pair = (int) (value % 100) * 2;
      value /= 100;
      bytes[--pos] = DIGIT_PAIRS[pair + 1];
      bytes[--pos] = DIGIT_PAIRS[pair];
    }
    if (value >= 10) {
      int pair = (int) value * 2;
      bytes[--pos] = DIGIT_PAIRS[pair + 1];
      bytes[--pos] = DIGIT_PAIRS[pair];
    } else {
      bytes[--pos] = (byte) ('0' + value);
    }
    return this;
  }

  /** Appends 0-99 as exactly two digits. */
  AsciiBuffer append2Digits(int value) {
    reserve(2);
    bytes[length++] = DIGIT_PAIRS[value * 2];
    bytes[length++] = DIGIT_PAIRS[value * 2 + 1];
    return this;
  }

  /** Appends 0-999 as exactly three digits. */
  AsciiBuffer append3Digits(int value) {
    reserve(3);
    bytes[length++] = (byte) ('0' + value / 100);
    int rest = value % 100;
    bytes[length++] = DIGIT_PAIRS[rest * 2];
    bytes[length++] = DIGIT_PAIRS[rest * 2 + 1];
    return this;
  }

  /** Appends milliseconds as seconds with millisecond resolution, e.g. 87 as {@code 0.087}. */
  AsciiBuffer appendMillisAsSeconds(long millis) {
    appendLong(millis / 1000);
    append((byte) '.');
    return append3Digits((int) (millis % 1000));
  }

  /** Appends the low {@code digits} nibbles of {@code value} as lower-case hex, zero-padded. */
  AsciiBuffer appendHex(long value, int digits) {
    reserve(digits);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      bytes[length++] = HEX[(int) (value >>> shift) & 0xf];
    }
    return this;
  }

  /** Appends an IPv4 address held in an int as a dotted quad. */
  AsciiBuffer appendIp(int ip) {
    reserve(15);
    octet(OCTETS[(ip >>> 24) & 0xff]);
    bytes[length++] = '.';
    octet(OCTETS[(ip >>> 16) & 0xff]);
    bytes[length++] = '.';
    octet(OCTETS[(ip >>> 8) & 0xff]);
    bytes[length++] = '.';
    octet(OCTETS[ip & 0xff]);
    return this;
  }

  private void octet(byte[] digits) {
    for (byte d : digits) {
      bytes[length++] = d;
    }
  }

  /** The backing array, valid up to {@link #length()}; for handing a full chunk to a writer. */
  byte[] array() {
    return bytes;
  }

  /** Continues in {@code fresh}, empty: the previous array now belongs to the caller. */
  void replaceArray(byte[] fresh) {
    bytes = fresh;
    length = 0;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  byte[] toByteArray() {
    byte[] copy = new byte[length];
    System.arraycopy(bytes, 0, copy, 0, length);
    return copy;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    long p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private static int digitCount(long value) {
    // bit length * 1233/4096 (about log10(2)) is the digit count or one more than it
    int t = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12;
    return value < POWERS_OF_TEN[t] ? t : t + 1;
  }
}
