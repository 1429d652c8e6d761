package org.apiaudit.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apiaudit.schema.Field;

/**
 * Every reader's view of the index: the columns an index keeps in a cheaper form
 * ({@link ColumnLayout}) shown as the sorted (keyword) columns they were, so that grouping,
 * counting and Lucene's own doc-values queries work on them as on any keyword column.
 *
 * <p>Why views: sorted doc values cost Lucene a hash-table entry per value when a document is
 * added and a sort per flush, which is most of ingest's indexing CPU for columns whose values are
 * nearly all new. The subject pseudonyms are kept as numbers ({@link PseudonymColumns}) and
 * {@code source.subnet} is derived from {@code source.ip} ({@link SubnetColumn}); both forms give
 * back, per segment, exactly the ordinals the sorted column had ({@link RebuiltColumn}), built on
 * first use and cached with the segment's core. Every reader of the event index goes through
 * {@link #wrap}; display reads a page of hits through {@link #text} without building ordinals.
 */
public final class ColumnViews {
  /** Suffix of the sorted column holding the values a cheaper form cannot hold. */
  static final String TEXT_SUFFIX = "#text";

  private static final Field[] VIEWED = {Field.SOURCE_SUBNET, Field.SUBJECT_ID, Field.SUBJECT_BLOCK};

  /** Rebuilt columns per segment core and field: segments never change, so neither do these. */
  private static final Map<Object, Map<String, RebuiltColumn>> CACHE = new ConcurrentHashMap<>();

  private ColumnViews() {}

  /** Whether some layout keeps {@code f} in a form other than a sorted column. */
  public static boolean isViewed(Field f) {
    return java.util.Arrays.asList(VIEWED).contains(f);
  }

  /** {@code reader} with the columns kept in another form shown as sorted doc values. */
  public static DirectoryReader wrap(DirectoryReader reader) {
    try {
      return reader instanceof Wrapped ? reader : Wrapped.of(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** A column's text at increasing document ids. */
  public interface TextColumn {
    /** The value of {@code doc} (ids in increasing order), or null. */
    String at(int doc) throws IOException;
  }

  /**
   * Per-document text of keyword column {@code f} of one segment without building ordinals:
   * what display needs for a page of hits. Null when the segment has no such column.
   */
  public static TextColumn text(LeafReader leaf, Field f) throws IOException {
    for (LeafReader r = leaf; r instanceof FilterLeafReader filter; r = filter.getDelegate()) {
      if (r instanceof ViewLeaf view && view.isViewed(f.fieldName())) {
        LeafReader in = view.getDelegate();
        return f == Field.SOURCE_SUBNET ? SubnetColumn.text(in) : PseudonymColumns.text(in, f);
      }
    }
    FieldInfo fi = leaf.getFieldInfos().fieldInfo(f.fieldName());
    return fi == null || fi.getDocValuesType() != DocValuesType.SORTED ? null
        : sortedText(DocValues.getSorted(leaf, f.fieldName()));
  }

  /** The text of a sorted column at increasing document ids. */
  static TextColumn sortedText(SortedDocValues s) {
    return doc -> {
      if (s.docID() < doc) {
        s.advance(doc);
      }
      return s.docID() == doc ? s.lookupOrd(s.ordValue()).utf8ToString() : null;
    };
  }

  /**
   * A reader whose segments show the columns kept in another form as sorted ones. Whether
   * {@code source.subnet} is derived is decided for the whole index, not per segment: an index
   * written before has a sorted subnet in every segment that had one, but a segment whose events
   * all lacked a subnet looks alike in both layouts.
   */
  private static final class Wrapped extends FilterDirectoryReader {
    private Wrapped(DirectoryReader in, boolean derivesSubnet) throws IOException {
      super(in, new SubReaderWrapper() {
        @Override
        public LeafReader wrap(LeafReader reader) {
          List<String> viewed = viewedFields(reader, derivesSubnet);
          return viewed.isEmpty() ? reader : new ViewLeaf(reader, viewed);
        }
      });
    }

    static Wrapped of(DirectoryReader in) throws IOException {
      return new Wrapped(in, ColumnLayout.of(FieldInfos.getMergedFieldInfos(in)).derivesSubnet());
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
      return of(in);
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }

  /**
   * The fields of a segment kept in another form: subject columns whose doc values are numbers
   * (a value kept in {@code #text} has its 0 there too), and the subnet when it is derived and
   * the segment has an address or an exception to derive it from.
   */
  private static List<String> viewedFields(LeafReader reader, boolean derivesSubnet) {
    FieldInfos infos = reader.getFieldInfos();
    List<String> out = new ArrayList<>(VIEWED.length);
    for (Field f : VIEWED) {
      FieldInfo fi = infos.fieldInfo(f.fieldName());
      boolean viewed = f == Field.SOURCE_SUBNET
          ? derivesSubnet && fi == null && (hasSorted(infos, Field.SOURCE_IP.fieldName())
              || hasSorted(infos, f.fieldName() + TEXT_SUFFIX))
          : fi != null && fi.getDocValuesType() == DocValuesType.NUMERIC;
      if (viewed) {
        out.add(f.fieldName());
      }
    }
    return out;
  }

  private static boolean hasSorted(FieldInfos infos, String name) {
    FieldInfo fi = infos.fieldInfo(name);
    return fi != null && fi.getDocValuesType() == DocValuesType.SORTED;
  }

  /** One segment with its viewed columns shown as sorted doc values. */
  private static final class ViewLeaf extends FilterLeafReader {
    private final List<String> viewed;
    private final FieldInfos infos;

    ViewLeaf(LeafReader in, List<String> viewed) {
      super(in);
      this.viewed = viewed;
      this.infos = sortedInfos(in.getFieldInfos(), viewed);
    }

    boolean isViewed(String field) {
      return viewed.contains(field);
    }

    @Override
    public FieldInfos getFieldInfos() {
      return infos;
    }

    @Override
    public NumericDocValues getNumericDocValues(String field) throws IOException {
      return isViewed(field) ? null : super.getNumericDocValues(field);
    }

    @Override
    public SortedDocValues getSortedDocValues(String field) throws IOException {
      return isViewed(field) ? rebuilt(in, field).iterator() : super.getSortedDocValues(field);
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

  /**
   * {@code infos} with each viewed field shown as a SORTED doc-values field: the subject columns'
   * numeric infos retyped, the derived subnet (absent from the segment) added under a new number.
   */
  private static FieldInfos sortedInfos(FieldInfos infos, List<String> viewed) {
    List<FieldInfo> shown = new ArrayList<>();
    int next = 0;
    for (FieldInfo fi : infos) {
      shown.add(!viewed.contains(fi.name) ? fi : sortedInfo(fi.name, fi.number, fi));
      next = Math.max(next, fi.number + 1);
    }
    for (String name : viewed) {
      if (infos.fieldInfo(name) == null) {
        shown.add(sortedInfo(name, next++, null));
      }
    }
    return new FieldInfos(shown.toArray(FieldInfo[]::new));
  }

  /** A doc-values-only SORTED field info, keeping {@code like}'s other structures when given. */
  private static FieldInfo sortedInfo(String name, int number, FieldInfo like) {
    if (like == null) {
      return new FieldInfo(name, number, false, false, false, IndexOptions.NONE, DocValuesType.SORTED, -1,
          Collections.emptyMap(), 0, 0, 0, 0, VectorEncoding.FLOAT32, VectorSimilarityFunction.EUCLIDEAN, false, false);
    }
    return new FieldInfo(name, number, like.hasVectors(), like.omitsNorms(), like.hasPayloads(), like.getIndexOptions(),
        DocValuesType.SORTED, like.getDocValuesGen(), like.attributes(),
        like.getPointDimensionCount(), like.getPointIndexDimensionCount(), like.getPointNumBytes(),
        like.getVectorDimension(), like.getVectorEncoding(), like.getVectorSimilarityFunction(), like.isSoftDeletesField(),
        like.isParentField());
  }

  /** The rebuilt column of one viewed field of one segment, cached with the segment's core. */
  private static RebuiltColumn rebuilt(LeafReader in, String field) throws IOException {
    IndexReader.CacheHelper helper = in.getCoreCacheHelper();
    if (helper == null) {
      return build(in, field);
    }
    Map<String, RebuiltColumn> perField = CACHE.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(CACHE::remove);
      return new ConcurrentHashMap<>();
    });
    RebuiltColumn cached = perField.get(field);
    if (cached == null) {
      cached = build(in, field);
      perField.put(field, cached);
    }
    return cached;
  }

  private static RebuiltColumn build(LeafReader in, String field) throws IOException {
    return field.equals(Field.SOURCE_SUBNET.fieldName()) ? SubnetColumn.build(in)
        : PseudonymColumns.build(in, Field.byName(field));
  }
}
