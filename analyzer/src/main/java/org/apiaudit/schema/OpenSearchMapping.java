package org.apiaudit.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event schema as an OpenSearch 2.x index mapping, so that users who outgrow one machine
 * can index the same events (and run the same queries and rules) on OpenSearch.
 *
 * <p>Derived from {@link Field}: nothing here names a field. Fields without doc values are
 * mapped with {@code doc_values: false}; the stored-only original line is not indexed.
 */
public final class OpenSearchMapping {
  private OpenSearchMapping() {}

  /** The {@code mappings} object, as nested maps ready for a JSON writer. */
  public static Map<String, Object> mappings() {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", f.type().openSearchType());
      if (f.type() == FieldType.INSTANT) {
        p.put("format", "epoch_millis||strict_date_optional_time");
      }
      if (f.type() == FieldType.STORED) {
        p.put("index", false);
      }
      if (!f.hasDocValues() && f.type() != FieldType.TEXT) {
        p.put("doc_values", false);
      }
      properties.put(f.fieldName(), p);
    }
    Map<String, Object> mappings = new LinkedHashMap<>();
    mappings.put("dynamic", "strict");
    mappings.put("properties", properties);
    return Map.of("mappings", mappings);
  }
}
