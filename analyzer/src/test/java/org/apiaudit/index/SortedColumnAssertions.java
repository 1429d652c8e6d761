package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.apache.lucene.index.SortedDocValues;

/** Checks that a column rebuilt by {@link ColumnViews} is the sorted column it stands for. */
final class SortedColumnAssertions {
  private SortedColumnAssertions() {}

  /** The same values in the same order, and every document with the same ordinal. */
  static void assertSameColumn(SortedDocValues expected, SortedDocValues actual, String what) throws IOException {
    assertEquals(expected.getValueCount(), actual.getValueCount(), what);
    for (int ord = 0; ord < expected.getValueCount(); ord++) {
      assertEquals(expected.lookupOrd(ord).utf8ToString(), actual.lookupOrd(ord).utf8ToString(), what + " ord " + ord);
    }
    for (int doc = expected.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = expected.nextDoc()) {
      assertEquals(doc, actual.nextDoc(), what);
      assertEquals(expected.ordValue(), actual.ordValue(), what + " doc " + doc);
    }
    assertEquals(SortedDocValues.NO_MORE_DOCS, actual.nextDoc(), what);
  }
}
