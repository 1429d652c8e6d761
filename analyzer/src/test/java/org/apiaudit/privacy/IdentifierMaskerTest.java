package org.apiaudit.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentifierMaskerTest {
  private final Pseudonymizer p =
      new Pseudonymizer(CaseKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
  private final IdentifierMasker masker = new IdentifierMasker(p);

  @Test
  void masksMobileAadhaarAndReferenceRuns() {
    String line = "GET /x?mobile=9876543210&a=234567890123 ref 48213098765432";
    String masked = masker.mask(line);
    assertEquals("GET /x?mobile=" + p.pseudonym("9876543210") + "&a=" + p.pseudonym("234567890123") + " ref "
        + p.pseudonym("48213098765432"), masked);
  }

  @Test
  void leavesEpochSecondsDecimalsRequestIdsAndShortNumbersAlone() {
    String line = "ts=1686387721 lat=0.087 rid=7f3c9a1e2b4d bytes=48213 t=1646861401.7084 v=1.9876543210"
        + " ms=1686387721123 ip=98.76.54.32";
    assertSame(line, masker.mask(line));
  }

  @Test
  void masksIdentifiersWrittenInEscapedDigits() {
    String ps = p.pseudonym("9876543210");
    assertEquals("GET /x?m=" + ps + " 200", masker.mask("GET /x?m=%39876543210 200"));
    assertEquals("GET /x?m=" + ps + " 200", masker.mask("GET /x?m=%39%38%37%36%35%34%33%32%31%30 200"));
    assertEquals("{\"q\":\"" + ps + "\"}", masker.mask("{\"q\":\"98765\\u0034\\u0033210\"}"));
    assertEquals("q=" + ps, masker.mask("q=%2B91%2098765%2043210"));
    String other = p.pseudonym("9123400511");
    assertEquals("id=" + other + "x" + ps, masker.mask("id=9123400511x%39876543210"));
  }

  @Test
  void keepsTheSpellingOfEscapesThatHideNoIdentifier() {
    String line = "GET /a%20b?x=%31%32&y=%2F&u=\\u0041 200 ua=Mozilla%2F5.0";
    assertSame(line, masker.mask(line));
  }

  @Test
  void masksIdentifiersGluedToLetters() {
    assertEquals("q=mob" + p.pseudonym("9123400011") + "&id=a" + p.pseudonym("9876543210") + "x",
        masker.mask("q=mob9123400011&id=a9876543210x"));
  }

  @Test
  void masksFormattedMobilesAsTheSamePersonAsTheBareNumber() {
    String ps = p.pseudonym("9123499901");
    assertEquals("ua " + ps + " x", masker.mask("ua +91 91234 99901 x"));
    assertEquals("ua " + ps + " x", masker.mask("ua 91 91234 99901 x"));
    assertEquals("ua " + ps + " x", masker.mask("ua 91234-99901 x"));
    assertEquals("ua " + ps + " x", masker.mask("ua 9123 4999 01 x"));
    assertEquals("ua " + ps + " x", masker.mask("ua 09123499901 x"));
    assertEquals("ua " + ps + " x", masker.mask("ua +919123499901 x"));
    assertEquals("q=" + ps, masker.mask("q=91234+99901"));
    assertEquals("build 12 " + ps, masker.mask("build 12 91234 99901"));
  }

  @Test
  void masksGroupedAadhaarAndReferenceIds() {
    assertEquals("a " + p.pseudonym("234567890123") + ".", masker.mask("a 2345 6789 0123."));
    assertEquals("r " + p.pseudonym("48213098765432"), masker.mask("r 4821-3098-7654-32"));
  }

  @Test
  void leavesColumnsOfSmallNumbersDatesAndAddressesAlone() {
    for (String line : new String[] {"GET /robots.txt - 404 0 2 1405 242 283", "2015-01-13 00:32:17 100.79.192.81",
        "[10/Jun/2023:14:22:01 +0530] \"GET / HTTP/1.1\" 200 512 \"-\" 0.087", "2023-06-10 14:22:01 +0530"}) {
      assertSame(line, masker.mask(line));
    }
  }

  @Test
  void byteCountsShapedLikeIdentifiersAreRecognised() {
    assertTrue(IdentifierMasker.isIdentifierShaped(9876543210L));
    assertTrue(IdentifierMasker.isIdentifierShaped(234567890123L));
    assertFalse(IdentifierMasker.isIdentifierShaped(1234567890L));
    assertFalse(IdentifierMasker.isIdentifierShaped(48213L));
    assertFalse(IdentifierMasker.isIdentifierShaped(Long.MIN_VALUE));
  }

  @Test
  void replacesKnownValuesWhateverTheirShape() {
    String masked = masker.mask("subject=+91-98765-43210 end", "+91-98765-43210", null);
    assertFalse(masked.contains("98765"), masked);
    assertEquals("subject=" + p.pseudonym("9876543210") + " end", masked);
  }

  @Test
  void tenDigitRunStartingBelowSixIsNotAMobile() {
    assertEquals("n=1234567890", masker.mask("n=1234567890"));
  }
}
