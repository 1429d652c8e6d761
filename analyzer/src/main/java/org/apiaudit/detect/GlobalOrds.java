package org.apiaudit.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;
import org.apiaudit.schema.Field;

/**
 * Index-wide ordinals of one keyword (or IP) field's values.
 *
 * <p>Correlations group and count by these ints instead of strings: a segment's sorted doc
 * values give per-segment ordinals, and an {@link OrdinalMap} (compressed, built once per run)
 * maps them onto one numbering across segments. Strings are only looked up for output.
 */
final class GlobalOrds {
  private final Field field;
  private final List<LeafReaderContext> leaves;
  private final OrdinalMap map;
  private final SortedDocValues[] lookups;
  private final Map<Integer, String> cache = new HashMap<>();

  private GlobalOrds(Field field, List<LeafReaderContext> leaves, OrdinalMap map, SortedDocValues[] lookups) {
    this.field = field;
    this.leaves = leaves;
    this.map = map;
    this.lookups = lookups;
  }

  static GlobalOrds build(IndexReader reader, Field field) {
    try {
      List<LeafReaderContext> leaves = reader.leaves();
      SortedDocValues[] values = new SortedDocValues[leaves.size()];
      SortedDocValues[] lookups = new SortedDocValues[leaves.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = DocValues.getSorted(leaves.get(i).reader(), field.fieldName());
        lookups[i] = DocValues.getSorted(leaves.get(i).reader(), field.fieldName());
      }
      OrdinalMap map = OrdinalMap.build(null, values, PackedInts.DEFAULT);
      return new GlobalOrds(field, leaves, map, lookups);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Field field() {
    return field;
  }

  /** How many distinct values the field has in the index. */
  long valueCount() {
    return map.getValueCount();
  }

  /** Segment-to-global mapping for leaf {@code leaf}; safe to use from several threads. */
  LongValues segmentToGlobal(int leaf) {
    return map.getGlobalOrds(leaf);
  }

  /** A segment with at most this many values gets its mapping as a plain array for the scan. */
  private static final int ARRAY_MAX_VALUES = 1 << 16;

  /**
   * Segment-to-global mapping for leaf {@code leaf}, for a lookup per scanned event: a segment
   * with few values (an enum-like field) gets a plain array, at most 256 KB, instead of the
   * packed, compressed mapping.
   */
  LongValues segmentToGlobalForScan(int leaf) throws IOException {
    LongValues packed = map.getGlobalOrds(leaf);
    int values = DocValues.getSorted(leaves.get(leaf).reader(), field.fieldName()).getValueCount();
    if (values > ARRAY_MAX_VALUES) {
      return packed;
    }
    int[] global = new int[values];
    for (int ord = 0; ord < values; ord++) {
      global[ord] = (int) packed.get(ord);
    }
    return new LongValues() {
      @Override
      public long get(long ord) {
        return global[(int) ord];
      }
    };
  }

  /** Fresh doc values of the field in {@code leaf}, for a forward scan. */
  SortedDocValues open(int leaf) throws IOException {
    return DocValues.getSorted(leaves.get(leaf).reader(), field.fieldName());
  }

  /** The value of a global ordinal. */
  String lookup(int globalOrd) {
    if (globalOrd < 0) {
      return null;
    }
    return cache.computeIfAbsent(globalOrd, g -> {
      try {
        int seg = map.getFirstSegmentNumber(g);
        int segOrd = (int) map.getFirstSegmentOrd(g);
        return lookups[seg].lookupOrd(segOrd).utf8ToString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The global ordinal of {@code value}, or -1 when no event has it. */
  int ordOf(String value) {
    try {
      BytesRef term = new BytesRef(value);
      for (int i = 0; i < lookups.length; i++) {
        int segOrd = lookups[i].lookupTerm(term);
        if (segOrd >= 0) {
          return (int) map.getGlobalOrds(i).get(segOrd);
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
