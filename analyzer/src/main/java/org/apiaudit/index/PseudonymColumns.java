package org.apiaudit.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
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
 * pseudonyms print, and seen by every reader as the sorted (keyword) columns they were.
 *
 * <p>Why: a pseudonym is a prefix and 16 hex digits of a keyed hash, so on national traffic
 * nearly every one is new. As sorted doc values each costs Lucene a hash-table entry when it is
 * added and a place in a sort when the segment is flushed; those two columns were about a
 * quarter of Lucene's ingest CPU on the high-cardinality benchmark shape. As numeric doc values
 * they cost neither, and lose nothing: the 16 hex digits are the 64 bits, and their text order
 * is the bits' unsigned order, so the ordinals rebuilt here from the numbers are exactly the
 * ones the sorted column had. Detection, search and serve read them unchanged through
 * {@link #wrap}; display reads the number directly ({@link #text}) instead of ordinals.
 *
 * <p>A value not of that form (hand-made test events) goes to a sorted column of its own,
 * {@code <field>#text}, which takes precedence over the number 0 written beside it (Lucene
 * wants every document's field to have the same structures), and the rebuilt ordinals merge
 * both columns in text order. Indexes written
 * before keep their sorted columns: {@link #packs(FieldInfos)} tells a writer which layout an
 * index has, since Lucene refuses one field with two doc-values types.
 */
public final class PseudonymColumns {
  /** Suffix of the sorted column holding values that are not a prefix and 16 lowercase hex digits. */
  static final String TEXT_SUFFIX = "#text";

  private static final Field[] FIELDS = {Field.SUBJECT_ID, Field.SUBJECT_BLOCK};
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Rebuilt ordinals per segment core and field: segments never change, so neither do these. */
  private static final Map<Object, Map<String, Ordinals>> CACHE = new ConcurrentHashMap<>();

  private PseudonymColumns() {}

  /** Whether {@code f} is kept as numbers in indexes with this layout. */
  public static boolean isPacked(Field f) {
    return f == Field.SUBJECT_ID || f == Field.SUBJECT_BLOCK;
  }

  /** The prefix every pseudonym of packed field {@code f} starts with. */
  static String prefix(Field f) {
    return f == Field.SUBJECT_ID ? Pseudonymizer.PREFIX : Pseudonymizer.BLOCK_PREFIX;
  }

  /**
   * Whether an index with these field infos keeps the subject columns as numbers: true for a
   * new index, false for one written before (its columns are sorted).
   */
  public static boolean packs(FieldInfos infos) {
    for (Field f : FIELDS) {
      FieldInfo fi = infos.fieldInfo(f.fieldName());
      if (fi != null && fi.getDocValuesType() == DocValuesType.SORTED) {
        return false;
      }
    }
    return true;
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
   * {@code reader} with the packed subject columns shown as sorted doc values, so that grouping,
   * counting and doc-values queries on them work as on any keyword column.
   */
  public static DirectoryReader wrap(DirectoryReader reader) {
    try {
      return reader instanceof Wrapped ? reader : new Wrapped(reader);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@link #wrap(DirectoryReader)} for the readers detection and reports are handed; other
   * kinds are returned as they are. The view holds nothing to close: closing the reader given
   * is enough.
   */
  public static IndexReader wrap(IndexReader reader) {
    return reader instanceof DirectoryReader d ? wrap(d) : reader;
  }

  /**
   * Per-document text of a packed or sorted subject column of one segment, without building
   * ordinals: what display needs for a page of hits. Null when the segment has no such column.
   */
  public static TextColumn text(LeafReader leaf, Field f) throws IOException {
    LeafReader in = FilterLeafReader.unwrap(leaf);
    FieldInfo fi = in.getFieldInfos().fieldInfo(f.fieldName());
    if (fi == null || fi.getDocValuesType() == DocValuesType.NONE) {
      return null;
    }
    if (fi.getDocValuesType() == DocValuesType.SORTED) {
      return sortedText(DocValues.getSorted(in, f.fieldName()));
    }
    NumericDocValues numbers = DocValues.getNumeric(in, f.fieldName());
    SortedDocValues raw = in.getSortedDocValues(f.fieldName() + TEXT_SUFFIX);
    byte[] prefix = prefix(f).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    BytesRefBuilder out = new BytesRefBuilder();
    TextColumn rawText = raw == null ? null : sortedText(raw);
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

  /** A column's text at increasing document ids. */
  public interface TextColumn {
    /** The value of {@code doc} (ids in increasing order), or null. */
    String at(int doc) throws IOException;
  }

  private static TextColumn sortedText(SortedDocValues s) {
    return doc -> {
      if (s.docID() < doc) {
        s.advance(doc);
      }
      return s.docID() == doc ? s.lookupOrd(s.ordValue()).utf8ToString() : null;
    };
  }

  /** A reader whose segments show packed subject columns as sorted ones. */
  private static final class Wrapped extends FilterDirectoryReader {
    Wrapped(DirectoryReader in) throws IOException {
      super(in, new SubReaderWrapper() {
        @Override
        public LeafReader wrap(LeafReader reader) {
          return packedFields(reader).length == 0 ? reader : new PackedLeaf(reader);
        }
      });
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
      return new Wrapped(in);
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }

  /**
   * The packed fields of a segment: those whose doc values are numbers (a value kept in
   * {@code #text} has its 0 there too).
   */
  private static Field[] packedFields(LeafReader reader) {
    FieldInfos infos = reader.getFieldInfos();
    return Arrays.stream(FIELDS).filter(f -> {
      FieldInfo fi = infos.fieldInfo(f.fieldName());
      return fi != null && fi.getDocValuesType() == DocValuesType.NUMERIC;
    }).toArray(Field[]::new);
  }

  /** One segment with its packed columns shown as sorted doc values. */
  private static final class PackedLeaf extends FilterLeafReader {
    private final Field[] packed;
    private final FieldInfos infos;

    PackedLeaf(LeafReader in) {
      super(in);
      this.packed = packedFields(in);
      this.infos = sortedInfos(in.getFieldInfos(), packed);
    }

    private Field packedField(String name) {
      for (Field f : packed) {
        if (f.fieldName().equals(name)) {
          return f;
        }
      }
      return null;
    }

    @Override
    public FieldInfos getFieldInfos() {
      return infos;
    }

    @Override
    public NumericDocValues getNumericDocValues(String field) throws IOException {
      return packedField(field) != null ? null : super.getNumericDocValues(field);
    }

    @Override
    public SortedDocValues getSortedDocValues(String field) throws IOException {
      Field f = packedField(field);
      if (f == null) {
        return super.getSortedDocValues(field);
      }
      return ordinals(in, f).iterator();
    }

    @Override
    public CacheHelper getCoreCacheHelper() {
      return in.getCoreCacheHelper();
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }

  /** {@code infos} with each packed field's doc-values type shown as SORTED. */
  private static FieldInfos sortedInfos(FieldInfos infos, Field[] packed) {
    java.util.Set<String> names = Arrays.stream(packed).map(Field::fieldName).collect(java.util.stream.Collectors.toSet());
    java.util.List<FieldInfo> shown = new java.util.ArrayList<>();
    for (FieldInfo fi : infos) {
      shown.add(!names.contains(fi.name) ? fi
          : new FieldInfo(fi.name, fi.number, fi.hasVectors(), fi.omitsNorms(), fi.hasPayloads(), fi.getIndexOptions(),
              DocValuesType.SORTED, fi.getDocValuesGen(), fi.attributes(),
              fi.getPointDimensionCount(), fi.getPointIndexDimensionCount(), fi.getPointNumBytes(),
              fi.getVectorDimension(), fi.getVectorEncoding(), fi.getVectorSimilarityFunction(), fi.isSoftDeletesField(),
              fi.isParentField()));
    }
    return new FieldInfos(shown.toArray(FieldInfo[]::new));
  }

  /** The rebuilt ordinals of one packed field of one segment, cached with the segment's core. */
  private static Ordinals ordinals(LeafReader in, Field f) throws IOException {
    IndexReader.CacheHelper helper = in.getCoreCacheHelper();
    if (helper == null) {
      return Ordinals.build(in, f);
    }
    Map<String, Ordinals> perField = CACHE.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(CACHE::remove);
      return new ConcurrentHashMap<>();
    });
    Ordinals cached = perField.get(f.fieldName());
    if (cached == null) {
      cached = Ordinals.build(in, f);
      perField.put(f.fieldName(), cached);
    }
    return cached;
  }

  /**
   * One segment's values of a packed field in text order, and each document's place among them:
   * the sorted column the field would have had.
   */
  private static final class Ordinals {
    /** Packed values (distinct, unsigned order), when every value of the segment is packed. */
    private final long[] numbers;
    /** Every distinct value as text, in order, when some are not packed; else null. */
    private final BytesRef[] texts;
    private final byte[] prefix;
    /** Each document's ordinal + 1; 0 when it has no value. */
    private final PackedInts.Reader ordOfDoc;
    private final int count;

    private Ordinals(long[] numbers, BytesRef[] texts, byte[] prefix, PackedInts.Reader ordOfDoc) {
      this.numbers = numbers;
      this.texts = texts;
      this.prefix = prefix;
      this.ordOfDoc = ordOfDoc;
      this.count = texts != null ? texts.length : numbers.length;
    }

    /**
     * Two passes over the numbers (the column is on disk, so a second pass costs a read, not
     * memory): their distinct values sorted, then each document's rank among them. Only the
     * ranks (as few bits per document as the count needs) and the distinct values stay on the
     * heap.
     */
    static Ordinals build(LeafReader in, Field f) throws IOException {
      int maxDoc = in.maxDoc();
      byte[] prefix = prefix(f).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      SortedDocValues raw = in.getSortedDocValues(f.fieldName() + TEXT_SUFFIX);
      java.util.BitSet unpacked = new java.util.BitSet();
      if (raw != null) {
        for (int doc = raw.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = raw.nextDoc()) {
          unpacked.set(doc);
        }
        raw = in.getSortedDocValues(f.fieldName() + TEXT_SUFFIX);
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
      distinct = Arrays.copyOf(distinct, unique);
      // rank + 1 per document, 0 for none
      PackedInts.Mutable ordOfDoc = PackedInts.getMutable(maxDoc,
          PackedInts.bitsRequired(unique + (raw == null ? 0 : raw.getValueCount()) + 1L), PackedInts.DEFAULT);
      values = in.getNumericDocValues(f.fieldName());
      if (values != null) {
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
          if (!unpacked.get(doc)) {
            ordOfDoc.set(doc, Arrays.binarySearch(distinct, values.longValue() ^ Long.MIN_VALUE) + 1);
          }
        }
      }
      for (int i = 0; i < unique; i++) {
        distinct[i] ^= Long.MIN_VALUE;
      }
      if (raw == null) {
        return new Ordinals(distinct, null, prefix, ordOfDoc);
      }
      return withText(distinct, raw, prefix, ordOfDoc);
    }

    /** Merges the packed values with the segment's unpacked ones into one text order. */
    private static Ordinals withText(long[] numbers, SortedDocValues raw, byte[] prefix, PackedInts.Mutable ordOfDoc)
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
      return new Ordinals(numbers, texts, prefix, ordOfDoc);
    }

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
          if (texts != null) {
            return texts[ord];
          }
          format(numbers[ord], prefix, scratch);
          return scratch.get();
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
}
