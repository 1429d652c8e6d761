package org.apiaudit.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.packed.PackedInts;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Field;

/**
 * The subject columns ({@code subject.id}, {@code subject.block}) kept as the 64 bits their
 * pseudonyms print, and seen by every reader as the sorted (keyword) columns they were
 * ({@link ColumnViews}).
 *
 * <p>Why: a pseudonym is a prefix and 16 hex digits of a keyed hash, so on national traffic
 * nearly every one is new. As sorted doc values each costs Lucene a hash-table entry when it is
 * added and a place in a sort when the segment is flushed; those two columns were about a
 * quarter of Lucene's ingest CPU on the high-cardinality benchmark shape. As numeric doc values
 * they cost neither, and lose nothing: the 16 hex digits are the 64 bits, and their text order
 * is the bits' unsigned order, so the ordinals rebuilt here from the numbers are exactly the
 * ones the sorted column had. Display reads the number directly ({@link #text}) instead of
 * ordinals.
 *
 * <p>A value not of that form (hand-made test events) goes to a sorted column of its own,
 * {@code <field>#text}, which takes precedence over the number 0 written beside it (Lucene
 * wants every document's field to have the same structures), and the rebuilt ordinals merge
 * both columns in text order. Indexes written before keep their sorted columns
 * ({@link ColumnLayout}).
 */
public final class PseudonymColumns {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private PseudonymColumns() {}

  /** Whether {@code f} is kept as numbers in indexes with this layout. */
  static boolean isPacked(Field f) {
    return f == Field.SUBJECT_ID || f == Field.SUBJECT_BLOCK;
  }

  /** The prefix every pseudonym of packed field {@code f} starts with. */
  static String prefix(Field f) {
    return f == Field.SUBJECT_ID ? Pseudonymizer.PREFIX : Pseudonymizer.BLOCK_PREFIX;
  }

  /**
   * The 64 bits of {@code value} when it is {@code prefix} and exactly 16 lowercase hex digits
   * (then {@code ok[0]} is true); 0 with {@code ok[0]} false otherwise.
   */
  static long bits(String value, String prefix, boolean[] ok) {
    int p = prefix.length();
    if (value.length() != p + 16 || !value.startsWith(prefix)) {
      ok[0] = false;
      return 0;
    }
    long v = 0;
    for (int i = p; i < p + 16; i++) {
      char c = value.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        ok[0] = false;
        return 0;
      }
      v = v << 4 | d;
    }
    ok[0] = true;
    return v;
  }

  /** {@code prefix} and the 16 hex digits of {@code bits}, into {@code out}. */
  static void format(long bits, byte[] prefix, BytesRefBuilder out) {
    out.clear();
    out.append(prefix, 0, prefix.length);
    for (int shift = 60; shift >= 0; shift -= 4) {
      out.append(HEX[(int) (bits >>> shift) & 0xf]);
    }
  }

  /**
   * Per-document text of packed field {@code f} of one segment {@code in} (its numbers, and its
   * {@code #text} column where a value is not packed), without building ordinals.
   */
  static ColumnViews.TextColumn text(LeafReader in, Field f) throws IOException {
    NumericDocValues numbers = DocValues.getNumeric(in, f.fieldName());
    SortedDocValues raw = in.getSortedDocValues(f.fieldName() + ColumnViews.TEXT_SUFFIX);
    byte[] prefix = prefixBytes(f);
    BytesRefBuilder out = new BytesRefBuilder();
    ColumnViews.TextColumn rawText = raw == null ? null : ColumnViews.sortedText(raw);
    return doc -> {
      String text = rawText == null ? null : rawText.at(doc);
      if (text != null) {
        return text;
      }
      if (numbers.docID() < doc) {
        numbers.advance(doc);
      }
      if (numbers.docID() == doc) {
        format(numbers.longValue(), prefix, out);
        return out.get().utf8ToString();
      }
      return null;
    };
  }

  private static byte[] prefixBytes(Field f) {
    return prefix(f).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The sorted column packed field {@code f} of segment {@code in} would have had. Two passes
   * over the numbers (the column is on disk, so a second pass costs a read, not memory): their
   * distinct values sorted, then each document's rank among them. Only the ranks (as few bits
   * per document as the count needs) and the distinct values stay on the heap.
   */
  static RebuiltColumn build(LeafReader in, Field f) throws IOException {
    int maxDoc = in.maxDoc();
    byte[] prefix = prefixBytes(f);
    String rawName = f.fieldName() + ColumnViews.TEXT_SUFFIX;
    SortedDocValues raw = in.getSortedDocValues(rawName);
    BitSet unpacked = new BitSet();
    if (raw != null) {
      for (int doc = raw.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = raw.nextDoc()) {
        unpacked.set(doc);
      }
      raw = in.getSortedDocValues(rawName);
    }
    long[] distinct = new long[Math.min(maxDoc, 1024)];
    int n = 0;
    NumericDocValues values = in.getNumericDocValues(f.fieldName());
    if (values != null) {
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (!unpacked.get(doc)) {
          if (n == distinct.length) {
            distinct = Arrays.copyOf(distinct, (int) Math.min(maxDoc, 2L * n));
          }
          // flipped sign bit: signed order of the flipped values is unsigned order of the bits
          distinct[n++] = values.longValue() ^ Long.MIN_VALUE;
        }
      }
    }
    Arrays.sort(distinct, 0, n);
    int unique = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[unique++] = distinct[i];
      }
    }
    long[] numbers = Arrays.copyOf(distinct, unique);
    // rank + 1 per document, 0 for none
    PackedInts.Mutable ordOfDoc = PackedInts.getMutable(maxDoc,
        PackedInts.bitsRequired(unique + (raw == null ? 0 : raw.getValueCount()) + 1L), PackedInts.DEFAULT);
    values = in.getNumericDocValues(f.fieldName());
    if (values != null) {
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (!unpacked.get(doc)) {
          ordOfDoc.set(doc, Arrays.binarySearch(numbers, values.longValue() ^ Long.MIN_VALUE) + 1);
        }
      }
    }
    for (int i = 0; i < unique; i++) {
      numbers[i] ^= Long.MIN_VALUE;
    }
    if (raw == null) {
      return new RebuiltColumn((ord, scratch) -> {
        format(numbers[ord], prefix, scratch);
        return scratch.get();
      }, unique, ordOfDoc);
    }
    BytesRef[] texts = withText(numbers, raw, prefix, ordOfDoc);
    return new RebuiltColumn((ord, scratch) -> texts[ord], texts.length, ordOfDoc);
  }

  /**
   * Merges the packed values with the segment's unpacked ones into one text order, renumbering
   * {@code ordOfDoc}; the merged values.
   */
  private static BytesRef[] withText(long[] numbers, SortedDocValues raw, byte[] prefix, PackedInts.Mutable ordOfDoc)
      throws IOException {
    int rawCount = raw.getValueCount();
    BytesRef[] texts = new BytesRef[numbers.length + rawCount];
    int[] packedOrd = new int[numbers.length];
    int[] rawOrd = new int[rawCount];
    BytesRefBuilder scratch = new BytesRefBuilder();
    int i = 0;
    int j = 0;
    int out = 0;
    BytesRef nextRaw = rawCount > 0 ? BytesRef.deepCopyOf(raw.lookupOrd(0)) : null;
    while (i < numbers.length || j < rawCount) {
      BytesRef packed = null;
      if (i < numbers.length) {
        format(numbers[i], prefix, scratch);
        packed = scratch.toBytesRef();
      }
      if (packed != null && (nextRaw == null || packed.compareTo(nextRaw) < 0)) {
        texts[out] = packed;
        packedOrd[i++] = out++;
      } else {
        texts[out] = nextRaw;
        rawOrd[j++] = out++;
        nextRaw = j < rawCount ? BytesRef.deepCopyOf(raw.lookupOrd(j)) : null;
      }
    }
    for (int doc = 0; doc < ordOfDoc.size(); doc++) {
      long rank = ordOfDoc.get(doc);
      if (rank > 0) {
        ordOfDoc.set(doc, packedOrd[(int) rank - 1] + 1);
      }
    }
    for (int doc = raw.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = raw.nextDoc()) {
      ordOfDoc.set(doc, rawOrd[raw.ordValue()] + 1);
    }
    return texts;
  }
}
