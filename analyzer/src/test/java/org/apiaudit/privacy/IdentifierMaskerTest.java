package org.apiaudit.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

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
    String line = "ts=1686387721 lat=0.087 rid=7f3c9a1e2b4d bytes=48213 t=1646861401.7084 id=a9876543210";
    assertSame(line, masker.mask(line));
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
