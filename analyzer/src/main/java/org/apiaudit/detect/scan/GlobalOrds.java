package org.apiaudit.detect.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.LongValues;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;

/**
 * Index-wide ordinals of one keyword (or IP) field's values: the rank of each value among all
 * the index's values of the field, as Lucene's {@code OrdinalMap} numbers them.
 *
 * <p>Correlations group and count by these ints instead of strings: a segment's sorted doc
 * values give per-segment ordinals, mapped onto the one numbering by an int per segment value.
 * Those mappings are built once per run by merging the segments' sorted terms, and kept in
 * memory-mapped temporary files, outside the Java heap: an index of millions of citizens (9.5M
 * distinct subjects took 51 MB in an {@code OrdinalMap} on the heap) costs the heap nothing, so
 * detection's heap does not grow with the index. Strings are only looked up for output.
 */
public final class GlobalOrds {
  private final Field field;
  private final List<LeafReaderContext> leaves;
  /** Per segment, the global ordinal of each segment ordinal (increasing). */
  private final IntBuffer[] toGlobal;
  private final SortedDocValues[] lookups;
  private final int valueCount;
  private final Map<Integer, String> cache = new HashMap<>();

  private GlobalOrds(Field field, List<LeafReaderContext> leaves, IntBuffer[] toGlobal, SortedDocValues[] lookups,
      int valueCount) {
    this.field = field;
    this.leaves = leaves;
    this.toGlobal = toGlobal;
    this.lookups = lookups;
    this.valueCount = valueCount;
  }

  /** One segment's terms in order, during the merge. */
  private static final class SegmentTerms {
    final int leaf;
    final TermsEnum terms;
    BytesRef term;
    int ord;

    SegmentTerms(int leaf, TermsEnum terms) {
      this.leaf = leaf;
      this.terms = terms;
    }

    boolean next() throws IOException {
      term = terms.next();
      if (term == null) {
        return false;
      }
      ord = (int) terms.ord();
      return true;
    }
  }

  public static GlobalOrds build(IndexReader reader, Field field) {
    try {
      List<LeafReaderContext> leaves = reader.leaves();
      IntBuffer[] toGlobal = new IntBuffer[leaves.size()];
      SortedDocValues[] lookups = new SortedDocValues[leaves.size()];
      PriorityQueue<SegmentTerms> queue = new PriorityQueue<>(Math.max(1, leaves.size()),
          (a, b) -> {
            int c = a.term.compareTo(b.term);
            return c != 0 ? c : Integer.compare(a.leaf, b.leaf);
          });
      for (int i = 0; i < leaves.size(); i++) {
        SortedDocValues values = DocValues.getSorted(leaves.get(i).reader(), field.fieldName());
        lookups[i] = DocValues.getSorted(leaves.get(i).reader(), field.fieldName());
        toGlobal[i] = mapped(values.getValueCount());
        SegmentTerms s = new SegmentTerms(i, values.termsEnum());
        if (s.next()) {
          queue.add(s);
        }
      }
      // A k-way merge of the segments' sorted terms: each new term is the next global ordinal.
      int global = -1;
      BytesRefBuilder previous = new BytesRefBuilder();
      while (!queue.isEmpty()) {
        SegmentTerms s = queue.poll();
        if (global < 0 || !previous.get().bytesEquals(s.term)) {
          global++;
          previous.copyBytes(s.term);
        }
        toGlobal[s.leaf].put(s.ord, global);
        if (s.next()) {
          queue.add(s);
        }
      }
      return new GlobalOrds(field, leaves, toGlobal, lookups, global + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An int per segment value in a temporary file, mapped; deleted once mapped (the mapping stays). */
  private static IntBuffer mapped(int values) throws IOException {
    Path file = null;
    try {
      file = Files.createTempFile("apiaudit-ords-", ".tmp");
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE)) {
        return channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) Math.max(1, values) * Integer.BYTES)
            .order(ByteOrder.nativeOrder()).asIntBuffer();
      }
    } catch (IOException e) {
      throw new UserException("cannot keep the value numbering of the index in " + (file == null
          ? "the temporary folder" : file) + " (" + e.getMessage() + "); set java.io.tmpdir to a folder with free"
          + " space, e.g. JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=/var/tmp");
    }
  }

  Field field() {
    return field;
  }

  /** How many distinct values the field has in the index. */
  public long valueCount() {
    return valueCount;
  }

  /** Segment-to-global mapping for leaf {@code leaf}; safe to use from several threads. */
  public LongValues segmentToGlobal(int leaf) {
    IntBuffer global = toGlobal[leaf];
    return new LongValues() {
      @Override
      public long get(long ord) {
        return global.get((int) ord);
      }
    };
  }

  /** A segment with at most this many values gets its mapping as a plain array for the scan. */
  private static final int ARRAY_MAX_VALUES = 1 << 16;

  /**
   * Segment-to-global mapping for leaf {@code leaf}, for a lookup per scanned event: a segment
   * with few values (an enum-like field) gets a plain array, at most 256 KB, instead of the
   * mapped file.
   */
  LongValues segmentToGlobalForScan(int leaf) {
    IntBuffer mapped = toGlobal[leaf];
    if (mapped.capacity() > ARRAY_MAX_VALUES) {
      return segmentToGlobal(leaf);
    }
    int[] global = new int[mapped.capacity()];
    mapped.get(0, global);
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

  /** The value of a global ordinal, found by binary search in the segments' mappings. */
  public String lookup(int globalOrd) {
    if (globalOrd < 0) {
      return null;
    }
    return cache.computeIfAbsent(globalOrd, g -> {
      try {
        for (int seg = 0; seg < toGlobal.length; seg++) {
          int segOrd = search(toGlobal[seg], lookups[seg].getValueCount(), g);
          if (segOrd >= 0) {
            return lookups[seg].lookupOrd(segOrd).utf8ToString();
          }
        }
        throw new IllegalArgumentException("no value has global ordinal " + g + " in " + field);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The segment ordinal mapped to {@code global}, or -1. */
  private static int search(IntBuffer toGlobal, int values, int global) {
    int lo = 0;
    int hi = values - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int g = toGlobal.get(mid);
      if (g < global) {
        lo = mid + 1;
      } else if (g > global) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The global ordinal of {@code value}, or -1 when no event has it. */
  int ordOf(String value) {
    try {
      BytesRef term = new BytesRef(value);
      for (int i = 0; i < lookups.length; i++) {
        int segOrd = lookups[i].lookupTerm(term);
        if (segOrd >= 0) {
          return toGlobal[i].get(segOrd);
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
