package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RejectTest {
  private static final String WAVE = "\ud83d\udc4b";

  @Test
  void excerptIsCutBeforeAnEmojiTheLimitWouldSplit() {
    String x = "x".repeat(Reject.MAX_EXCERPT - 1);
    assertEquals(x + "…", Reject.excerptOf(x + WAVE + "tail"));
    assertEquals(x + "y" + "…", Reject.excerptOf(x + "y" + WAVE));
  }

  @Test
  void excerptIsNotCutInsideADigitRun() {
    // 150 + 20 digits: the masker left the 20-digit run alone (no identifier); cut at 160 it
    // would end in ten digits that look like a clear mobile number
    String x = "x".repeat(150) + " ";
    assertEquals(x + "…", Reject.excerptOf(x + "98765432109876543210 tail"));
    assertEquals(x + "…", Reject.excerptOf(x + "9876543210acme tail"), "the run went on into a word");
    assertEquals(x + "…", Reject.excerptOf(x + "9876543210.5 tail"), "the run went on into a decimal");
    assertEquals(x + "…", Reject.excerptOf(x + "987654321.05 tail"), "cut right after the decimal point");
    assertEquals(x + "…", Reject.excerptOf(x + "9876543.2109 tail"));
    String y = "x".repeat(146) + " ";
    assertEquals(y + "%…", Reject.excerptOf(y + "%39876543210%33 tail"), "escaped digits continue the run");
    assertEquals(y + "ab%…", Reject.excerptOf(y + "ab%39876543210 tail"), "never inside an escaped run");
    String whole = "x".repeat(145) + " 9876543210 ";
    assertEquals(whole + "yyy…", Reject.excerptOf(whole + "y".repeat(20)), "a run the cut does not touch is kept");
  }

  @Test
  void shortTextIsKeptWholeWithControlsEscaped() {
    assertEquals("a\\x1b[31mb " + WAVE, Reject.excerptOf("a\u001b[31mb " + WAVE));
  }

  @Test
  void constructorEscapesReasonAndExcerpt() {
    Reject r = new Reject("f.log", 3, "bad user '\u202eabc'", "x\ny");
    assertEquals("bad user '\\u202eabc'", r.reason());
    assertEquals("x\\x0ay", r.excerpt());
    assertEquals("f.log:3: bad user '\\u202eabc'", r.toString());
  }

  @Test
  void cutEndKeepsWithinTheLimit() {
    assertEquals(5, Reject.cutEnd("abcdefgh", 2, 8, 3));
    assertEquals(8, Reject.cutEnd("abcdefgh", 2, 8, 6));
    assertEquals(2, Reject.cutEnd("ab123456", 2, 8, 3), "all digits: nothing kept");
    assertEquals(3, Reject.cutEnd("abc" + WAVE, 0, 5, 4), "the emoji is dropped whole");
  }
}
