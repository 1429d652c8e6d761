package org.apiaudit.detect.scan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apiaudit.schema.Field;

/**
 * The doc-values columns one detection run reads for every scanned event, each with a slot:
 * keyword and IP fields as global ordinals, numbers as longs. Only fields some rule or the
 * verdict step needs are read.
 */
public final class EventColumns {
  private final Map<Field, Integer> slots = new EnumMap<>(Field.class);
  private final List<Field> keywordFields = new ArrayList<>();
  private final List<Field> numericFields = new ArrayList<>();
  private final List<GlobalOrds> ords;

  public EventColumns(IndexReader reader, Iterable<Field> fields) {
    for (Field f : fields) {
      if (slots.containsKey(f) || f == Field.TIMESTAMP || !f.hasDocValues()) {
        continue;
      }
      if (f.isNumeric()) {
        slots.put(f, numericFields.size());
        numericFields.add(f);
      } else {
        slots.put(f, keywordFields.size());
        keywordFields.add(f);
      }
    }
    // One ordinal map per field, each a merge of the segments' terms: built in parallel.
    ords = keywordFields.parallelStream().map(f -> GlobalOrds.build(reader, f)).toList();
  }

  /** The slot of {@code f}, or -1 when not read. */
  public int slot(Field f) {
    Integer s = slots.get(f);
    return s == null ? -1 : s;
  }

  public List<Field> keywordFields() {
    return keywordFields;
  }

  public List<Field> numericFields() {
    return numericFields;
  }

  public GlobalOrds ords(Field keywordField) {
    return ords.get(slot(keywordField));
  }

  public GlobalOrds ordsAt(int slot) {
    return ords.get(slot);
  }
}
