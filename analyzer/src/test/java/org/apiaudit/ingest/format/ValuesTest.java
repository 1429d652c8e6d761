package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static String integer(Event e, Field field, String value) {
    return Values.integer(e, field, field == Field.STATUS ? "status" : "bytes", value, 0, value.length());
  }

  @Test
  void statusMustBeThreeDigits() {
    Event e = new Event();
    assertNull(integer(e, Field.STATUS, "100"));
    assertNull(integer(e, Field.STATUS, "999"));
    assertEquals(999L, e.getLong(Field.STATUS));
    assertEquals("status '9123400016' outside 100..999", integer(e, Field.STATUS, "9123400016"));
    assertEquals("status '99' outside 100..999", integer(e, Field.STATUS, "99"));
    assertEquals("status '1000' outside 100..999", integer(e, Field.STATUS, "1000"));
    assertEquals("bad status '-1'", integer(e, Field.STATUS, "-1"));
  }

  @Test
  void statusZeroIsNoResponseAndAbsent() {
    Event e = new Event();
    e.set(Field.STATUS, 200L);
    assertNull(integer(e, Field.STATUS, "0"));
    assertFalse(e.has(Field.STATUS));
  }

  @Test
  void bytesMustBeAtMostATebibyte() {
    Event e = new Event();
    assertNull(integer(e, Field.BYTES, "0"));
    assertNull(integer(e, Field.BYTES, String.valueOf(1L << 40)));
    assertEquals(1L << 40, e.getLong(Field.BYTES));
    assertEquals("bytes '1099511627777' over 1099511627776 (1 TiB)", integer(e, Field.BYTES, "1099511627777"));
    assertEquals("bad bytes '-5'", integer(e, Field.BYTES, "-5"));
  }

  @Test
  void latencyMustBeAtMostADay() {
    Event e = new Event();
    assertNull(Values.latency(e, "86400.000", 0, 9, 3));
    assertEquals(86_400_000L, e.getLong(Field.LATENCY_MS));
    assertEquals("latency '86400.001' over 86400000 ms (a day)", Values.latency(e, "86400.001", 0, 9, 3));
    assertEquals("bad latency '-0.5'", Values.latency(e, "-0.5", 0, 4, 3));
  }

  @Test
  void longQuotedValueIsCutNeitherInsideAnEmojiNorInsideADigitRun() {
    String emoji = "a".repeat(59) + "\ud83d\udc4b" + "b";
    assertEquals("bad client address '" + "a".repeat(59) + "…'", Values.bad("client address", emoji, 0, emoji.length()));
    String digits = "x".repeat(55) + "9876543210 tail";
    assertEquals("bad client address '" + "x".repeat(55) + "…'", Values.bad("client address", digits, 0, digits.length()));
  }
}
