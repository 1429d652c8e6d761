package org.apiaudit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Query text on a server started without the case key: pseudonyms pass, clear numbers are refused. */
class CasePseudonymsTest {
  private final CasePseudonyms keyless = new CasePseudonyms(Path.of("no-index"), null);

  @Test
  void aPseudonymWhoseHexHoldsANumberIsSearchableWithoutTheKey() {
    // ten decimal digits in a row inside the hex: the masker alone would take them for a mobile
    assertEquals("subject:ps-9876543210abcdef", keyless.mask("subject:ps-9876543210abcdef"));
    assertEquals("block:pb-0123456789876543 OR ip:10.0.0.1", keyless.mask("block:pb-0123456789876543 OR ip:10.0.0.1"));
  }

  @Test
  void aClearNumberIsRefusedWithoutTheKey() {
    ApiException e = assertThrows(ApiException.class, () -> keyless.mask("subject:9876543210"));
    assertEquals(400, e.status());
    assertThrows(ApiException.class, () -> keyless.mask("subject:ps-9876543210abcdefx"),
        "a longer token is no pseudonym: its digits are a number");
  }
}
