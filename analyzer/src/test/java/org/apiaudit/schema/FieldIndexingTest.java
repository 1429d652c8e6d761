package org.apiaudit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apiaudit.index.TinyIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each field's declared indexing ({@link Field#isSearchable}, {@link Field#hasDocValues},
 * {@link Field#isStored}) is what the index writer produces for it, read from an index holding
 * one event with every field set: the search, grouping and display code trust the declaration.
 */
class FieldIndexingTest {
  @TempDir static Path dir;
  private static TinyIndex index;
  private static FieldInfos infos;
  private static Document stored;

  @BeforeAll
  static void writeOneEventWithEveryField() throws IOException {
    Event e = new Event();
    for (Field f : Field.values()) {
      if (f.isNumeric()) {
        e.set(f, 42L);
      } else {
        e.set(f, f.type() == FieldType.IP ? "192.0.2.1" : "value-of-" + f.fieldName());
      }
    }
    index = TinyIndex.of(dir, List.of(e));
    infos = FieldInfos.getMergedFieldInfos(index.reader());
    stored = index.reader().storedFields().document(0);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  /** One line per field: what it declares, then what the index holds. */
  private static String describe(Field f, boolean searchable, boolean docValues, boolean isStored) {
    return String.format(Locale.ROOT, "%s search=%s group=%s stored=%s", f.fieldName(), searchable, docValues, isStored);
  }

  @Test
  void everyFieldIsIndexedAsDeclared() {
    List<String> declared = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (Field f : Field.values()) {
      FieldInfo info = infos.fieldInfo(f.fieldName());
      boolean terms = info != null && info.getIndexOptions() != IndexOptions.NONE;
      boolean points = info != null && info.getPointDimensionCount() > 0;
      boolean docValues = info != null && info.getDocValuesType() != DocValuesType.NONE;
      declared.add(describe(f, f.isSearchable(), f.hasDocValues(), f.isStored()));
      written.add(describe(f, terms || points, docValues, stored.getField(f.fieldName()) != null));
    }
    assertEquals(declared, written);
  }

  @Test
  void numbersHavePointsAndNumericColumnsKeywordsTermsAndSortedColumns() {
    for (Field f : Field.values()) {
      FieldInfo info = infos.fieldInfo(f.fieldName());
      if (info == null) {
        assertEquals(FieldType.TEXT, f.type(), f + " is written");
        continue;
      }
      if (f.isSearchable()) {
        boolean pointKind = f.isNumeric() || f.type() == FieldType.IP;
        assertEquals(pointKind, info.getPointDimensionCount() == 1, f + " points");
        assertEquals(!pointKind, info.getIndexOptions() == IndexOptions.DOCS, f + " terms, docs only");
      }
      if (f.hasDocValues()) {
        assertEquals(f.hasSortedDocValues() ? DocValuesType.SORTED : DocValuesType.NUMERIC, info.getDocValuesType(),
            f.toString());
        assertEquals(f.isNumeric(), !f.hasSortedDocValues(), f + " numeric or sorted");
      }
    }
  }

  /**
   * The OpenSearch mapping gives each field the type whose queries mean what the Lucene field
   * kind's do, and columns exactly where the embedded index has them (text fields excepted:
   * OpenSearch has no doc values for text).
   */
  @Test
  @SuppressWarnings("unchecked")
  void theOpenSearchMappingAgreesWithTheLuceneIndex() {
    java.util.Map<String, Object> mappings = (java.util.Map<String, Object>) OpenSearchMapping.mappings().get("mappings");
    java.util.Map<String, java.util.Map<String, Object>> properties =
        (java.util.Map<String, java.util.Map<String, Object>>) mappings.get("properties");
    for (Field f : Field.values()) {
      java.util.Map<String, Object> p = properties.get(f.fieldName());
      FieldInfo info = infos.fieldInfo(f.fieldName());
      String luceneKind = info == null ? "words of " + f.textSource()
          : info.getPointDimensionCount() > 0 ? (info.getPointNumBytes() == 16 ? "address" : "number")
          : info.getIndexOptions() != IndexOptions.NONE || info.getDocValuesType() == DocValuesType.SORTED ? "term"
          : info.getDocValuesType() == DocValuesType.NUMERIC ? "number" : "stored";
      String expected = switch (luceneKind) {
        case "address" -> "ip";
        case "number" -> f.type() == FieldType.INSTANT ? "date" : "long";
        case "term", "stored" -> "keyword";
        default -> "text";
      };
      assertEquals(expected, p.get("type"), f + " is a " + luceneKind + " in Lucene");
      boolean columns = info != null && info.getDocValuesType() != DocValuesType.NONE;
      assertEquals(columns || f.type() == FieldType.TEXT ? null : false, p.get("doc_values"), f + " doc values");
      assertEquals("stored".equals(luceneKind) ? false : null, p.get("index"), f + " indexed");
    }
    assertEquals("strict", mappings.get("dynamic"));
  }

  @Test
  void onlyTextFieldsHaveATextSourceAndItIsAGroupedKeyword() {
    for (Field f : Field.values()) {
      Field source = f.textSource();
      assertEquals(f.type() == FieldType.TEXT, source != null, f.toString());
      if (source != null) {
        assertEquals(FieldType.KEYWORD, source.type());
        assertEquals(true, source.hasDocValues(), "words are matched against " + source + "'s distinct values");
      }
    }
  }
}
