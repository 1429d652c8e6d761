package org.apiaudit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The reused event: absent values, numbers, clearing between lines. */
class EventTest {
  @Test
  void nullEmptyAndALoneDashAreAbsent() {
    Event e = new Event();
    for (String absent : new String[] {null, "", "-"}) {
      e.set(Field.REFERRER, absent);
      assertEquals(false, e.has(Field.REFERRER), String.valueOf(absent));
      assertNull(e.get(Field.REFERRER));
    }
    e.set(Field.REFERRER, "--");
    assertEquals("--", e.get(Field.REFERRER));
  }

  @Test
  void numbersAreUnsetUntilSetEvenToZero() {
    Event e = new Event();
    assertEquals(Event.NO_VALUE, e.getLong(Field.STATUS));
    assertEquals(false, e.has(Field.STATUS));
    e.set(Field.STATUS, 0);
    assertEquals(true, e.has(Field.STATUS));
    assertEquals(0, e.getLong(Field.STATUS));
  }

  @Test
  void clearUnsetsEveryFieldForTheNextLine() {
    Event e = new Event().set(Field.STATUS, 200).set(Field.METHOD, "GET");
    assertEquals("{http.request.method=GET, http.response.status_code=200}", e.toString());
    e.clear();
    assertEquals("{}", e.toString());
    assertEquals(false, e.has(Field.METHOD));
  }
}
