package org.apiaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written number and time formatting behind every line. */
class TextEncodingTest {
  @Test
  void appendLongMatchesLongToStringAcrossDigitCounts() {
    long seed = 1234;
    SplittableRandom rng = new SplittableRandom(seed);
    AsciiBuffer b = new AsciiBuffer(8);
    long v = 1;
    for (int digits = 1; digits <= 19; digits++, v *= 10) {
      for (long x : new long[] {v, v - 1, v + 1, rng.nextLong(Long.MAX_VALUE)}) {
        b.clear();
        assertEquals(Long.toString(x), b.appendLong(x).toString(), "seed " + seed);
      }
    }
  }

  @Test
  void formatsNginxIsoAndW3cTimes() {
    long t = SimContext.epochMillis(LocalDateTime.of(2023, 6, 10, 14, 22, 1, 123_000_000));
    TimestampWriter w = new TimestampWriter();
    AsciiBuffer b = new AsciiBuffer(64);
    w.writeNginxLocal(t, b);
    assertEquals("10/Jun/2023:14:22:01 +0530", b.toString());
    b.clear();
    w.writeIsoLocal(t, b);
    assertEquals("2023-06-10T14:22:01.123+05:30", b.toString());
    b.clear();
    w.writeW3cUtc(t, b);
    assertEquals("2023-06-10\t08:52:01", b.toString());
  }

  @Test
  void formatsAddressesAndRequestTimes() {
    AsciiBuffer b = new AsciiBuffer(4);
    b.appendIp(0xCB007107).append((byte) ' ').appendMillisAsSeconds(87)
        .append((byte) ' ').appendHex(0x7f3c9a1e2b4dL, 12);
    assertEquals("203.0.113.7 0.087 7f3c9a1e2b4d", b.toString());
  }

  @Test
  void encodesUserAgentsPerFormat() {
    UserAgent ua = new UserAgent("Mozilla/5.0 (KHTML, like \"Gecko\")", false);
    assertEquals("Mozilla/5.0 (KHTML, like \\\"Gecko\\\")", new String(ua.json));
    assertEquals("\"Mozilla/5.0 (KHTML, like \"\"Gecko\"\")\"", new String(ua.csv));
    assertEquals("Mozilla%2F5.0%20%28KHTML%2C%20like%20%22Gecko%22%29",
        new String(ua.urlEncoded));
  }
}
