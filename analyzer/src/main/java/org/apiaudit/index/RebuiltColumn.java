package org.apiaudit.index;

import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.packed.PackedInts;

/**
 * The sorted column one segment would have had for a field kept in another form: its distinct
 * values in text order and each document's ordinal, rebuilt once per segment by the form
 * ({@link PseudonymColumns}, {@link SubnetColumn}) and read through {@link #iterator}.
 *
 * <p>Only the ordinals stay on the heap, as few bits per document as the value count needs; the
 * values are the form's to keep as compactly as it can.
 */
final class RebuiltColumn {
  /** The text of an ordinal, possibly written into {@code scratch}. */
  @FunctionalInterface
  interface Values {
    BytesRef lookup(int ord, BytesRefBuilder scratch);
  }

  private final Values values;
  private final int count;
  /** Each document's ordinal + 1; 0 when it has no value. */
  private final PackedInts.Reader ordOfDoc;

  RebuiltColumn(Values values, int count, PackedInts.Reader ordOfDoc) {
    this.values = values;
    this.count = count;
    this.ordOfDoc = ordOfDoc;
  }

  /** A fresh iterator (doc values iterators are single-threaded, the column is shared). */
  SortedDocValues iterator() {
    BytesRefBuilder scratch = new BytesRefBuilder();
    int maxDoc = ordOfDoc.size();
    return new SortedDocValues() {
      private int doc = -1;

      @Override
      public int ordValue() {
        return (int) ordOfDoc.get(doc) - 1;
      }

      @Override
      public BytesRef lookupOrd(int ord) {
        return values.lookup(ord, scratch);
      }

      @Override
      public int getValueCount() {
        return count;
      }

      @Override
      public boolean advanceExact(int target) {
        doc = target;
        return ordOfDoc.get(target) > 0;
      }

      @Override
      public int docID() {
        return doc;
      }

      @Override
      public int nextDoc() {
        return advance(doc + 1);
      }

      @Override
      public int advance(int target) {
        for (int d = target; d < maxDoc; d++) {
          if (ordOfDoc.get(d) > 0) {
            return doc = d;
          }
        }
        return doc = NO_MORE_DOCS;
      }

      @Override
      public long cost() {
        return maxDoc;
      }
    };
  }
}
