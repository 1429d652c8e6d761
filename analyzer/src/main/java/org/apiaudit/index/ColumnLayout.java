package org.apiaudit.index;

import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apiaudit.schema.Field;

/**
 * How an index keeps the columns that readers see as sorted keywords through
 * {@link ColumnViews}: the subject pseudonyms as numbers ({@link PseudonymColumns}), and
 * {@code source.subnet} derived from {@code source.ip} ({@link SubnetColumn}).
 *
 * <p>Why a writer must ask: Lucene refuses one field with two doc-values types, so an index
 * written before a column got its cheaper form keeps the sorted column it has, and ingest into it
 * keeps writing that ({@link EventIndex#layout}).
 *
 * @param packsSubjects {@code subject.id} and {@code subject.block} hold their pseudonyms' 64 bits
 * @param derivesSubnet {@code source.subnet} is written only where it is not the subnet of the
 *     event's address
 */
public record ColumnLayout(boolean packsSubjects, boolean derivesSubnet) {
  /** The layout of a new index: every column in its cheaper form. */
  public static final ColumnLayout CURRENT = new ColumnLayout(true, true);

  /**
   * The layout of an index with these field infos: a column found sorted was written before its
   * cheaper form; an index without it (new, or without such values) takes the current form.
   */
  public static ColumnLayout of(FieldInfos infos) {
    return new ColumnLayout(!isSorted(infos, Field.SUBJECT_ID) && !isSorted(infos, Field.SUBJECT_BLOCK),
        !isSorted(infos, Field.SOURCE_SUBNET));
  }

  private static boolean isSorted(FieldInfos infos, Field f) {
    FieldInfo fi = infos.fieldInfo(f.fieldName());
    return fi != null && fi.getDocValuesType() == DocValuesType.SORTED;
  }
}
