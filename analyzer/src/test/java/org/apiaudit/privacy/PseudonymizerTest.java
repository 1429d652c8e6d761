package org.apiaudit.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static final CaseKey KEY = CaseKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  @Test
  void sameKeyAndIdentifierGiveSamePseudonym() {
    assertEquals(new Pseudonymizer(KEY).pseudonym("9876543210"), new Pseudonymizer(KEY).pseudonym("9876543210"));
  }

  @Test
  void differentKeysGiveDifferentPseudonyms() {
    CaseKey other = CaseKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(new Pseudonymizer(KEY).pseudonym("9876543210"), new Pseudonymizer(other).pseudonym("9876543210"));
  }

  @Test
  void formattedMobileWithCountryCodeIsTheSamePerson() {
    Pseudonymizer p = new Pseudonymizer(KEY);
    assertEquals(p.pseudonym("9876543210"), p.pseudonym("+91 98765-43210"));
    assertEquals(p.pseudonym("9876543210"), p.pseudonym(" 9876543210 "));
  }

  @Test
  void pseudonymHasPrefixAndSixteenHexDigitsAndNoClearDigits() {
    String ps = new Pseudonymizer(KEY).pseudonym("9876543210");
    assertTrue(ps.matches("ps-[0-9a-f]{16}"), ps);
    assertTrue(!ps.contains("9876543210"));
  }

  @Test
  void kindIsJudgedByDigitCount() {
    assertEquals("mobile", Pseudonymizer.kindOf("9876543210"));
    assertEquals("aadhaar", Pseudonymizer.kindOf("234567890123"));
    assertEquals("reference", Pseudonymizer.kindOf("48213098765432"));
    assertEquals("other", Pseudonymizer.kindOf("abc"));
    assertEquals("other", Pseudonymizer.kindOf("12345"));
  }

  @Test
  void neighbouringIdentifiersShareABlockButNotAPseudonym() {
    Pseudonymizer p = new Pseudonymizer(KEY);
    assertEquals(p.blockPseudonym("48213098765432"), p.blockPseudonym("48213098765433"));
    assertNotEquals(p.blockPseudonym("48213098765432"), p.blockPseudonym("48213098766432"));
    assertEquals(432, Pseudonymizer.blockOffset("48213098765432"));
    assertNull(p.blockPseudonym("abc"));
  }

  @Test
  void subjectGivesWhatTheSeparateDerivationsGiveAndTheSameOnARepeat() {
    Pseudonymizer p = new Pseudonymizer(KEY);
    for (String id : new String[] {"48213098765432", "+91 98765-43210", "234567890123", "12345", "ben-0042", " 9876543210 "}) {
      Pseudonymizer.Subject expected = new Pseudonymizer.Subject(new Pseudonymizer(KEY).pseudonym(id), Pseudonymizer.kindOf(id),
          new Pseudonymizer(KEY).blockPseudonym(id), Pseudonymizer.blockOffset(id));
      assertEquals(expected, p.subject(id), id);
      assertEquals(expected, p.subject(id), id + " remembered");
    }
  }
}
