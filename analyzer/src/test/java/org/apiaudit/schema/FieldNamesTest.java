package org.apiaudit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Field names and aliases: each resolves to its one field, whatever its case. */
class FieldNamesTest {
  @Test
  void everyNameAndAliasResolvesToItsField() {
    int names = 0;
    for (Field f : Field.values()) {
      assertSame(f, Field.byName(f.fieldName()));
      assertSame(f, Field.byName(f.fieldName().toUpperCase(Locale.ROOT)), "typed in capitals");
      for (String alias : f.aliases()) {
        assertSame(f, Field.byName(alias), alias);
        assertSame(f, Field.names().get(alias), alias);
      }
      names += 1 + f.aliases().size();
    }
    assertEquals(names, Field.names().size(), "no name or alias is shared by two fields");
  }

  @Test
  void commonShortNamesMeanWhatInvestigatorsTypeThem() {
    assertSame(Field.SOURCE_IP, Field.byName("ip"));
    assertSame(Field.USER_AGENT, Field.byName("UA"));
    assertSame(Field.PRINCIPAL, Field.byName("user"));
    assertSame(Field.URL_DOMAIN, Field.byName("host"));
    assertSame(Field.TIMESTAMP, Field.byName("ts"));
    assertNull(Field.byName("nosuch"));
    assertNull(Field.byName(""));
  }

  @Test
  void namesAreEcsDottedLowerCase() {
    for (Field f : Field.values()) {
      assertEquals(f.fieldName().toLowerCase(Locale.ROOT), f.fieldName());
      assertEquals(f.fieldName(), f.toString());
    }
  }
}
