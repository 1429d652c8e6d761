package org.apiaudit.engine.opensearch;

import java.lang.reflect.Field;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The doc-values queries the embedded index runs on fields it keeps as columns only
 * ({@code NumericDocValuesField.newSlowRangeQuery}, {@code SortedDocValuesField.newSlowExactQuery}
 * and their ranges). Lucene keeps these classes package-private, so their bounds are read by
 * reflection; {@code OpenSearchEquivalenceTest} runs each one (method, bytes, latency), so a Lucene upgrade that renames a field
 * fails there, not on a cluster.
 */
final class DocValuesQueries {
  private DocValuesQueries() {}

  static Map<String, Object> translate(Query query) {
    String name = query.getClass().getName();
    try {
      switch (name) {
        case "org.apache.lucene.document.SortedNumericDocValuesRangeQuery": {
          long lo = (Long) read(query, "lowerValue");
          long hi = (Long) read(query, "upperValue");
          return QueryDsl.range((String) read(query, "field"), lo == Long.MIN_VALUE ? null : lo, true,
              hi == Long.MAX_VALUE ? null : hi, true);
        }
        case "org.apache.lucene.document.SortedSetDocValuesRangeQuery": {
          String field = (String) read(query, "field");
          BytesRef lo = (BytesRef) read(query, "lowerValue");
          BytesRef hi = (BytesRef) read(query, "upperValue");
          boolean loIn = (Boolean) read(query, "lowerInclusive");
          boolean hiIn = (Boolean) read(query, "upperInclusive");
          if (lo != null && lo.equals(hi) && loIn && hiIn) {
            return Map.of("term", Map.of(field, lo.utf8ToString()));
          }
          return QueryDsl.range(field, lo == null ? null : lo.utf8ToString(), loIn, hi == null ? null : hi.utf8ToString(),
              hiIn);
        }
        default:
          throw QueryDsl.unsupported(query, "this kind of query");
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot read " + name + " (has Lucene changed?): " + e, e);
    }
  }

  private static Object read(Object target, String fieldName) throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(fieldName);
    f.setAccessible(true);
    return f.get(target);
  }
}
