package org.apiaudit.search;

import java.util.EnumMap;
import java.util.Map;
import org.apiaudit.schema.Field;

/**
 * One search hit, with the values of its doc-values fields and the masked original line.
 *
 * @param values field values as text (numbers in decimal, instants as epoch ms)
 */
public record Hit(Map<Field, String> values) {
  public Hit {
    values = new EnumMap<>(values);
  }

  public String get(Field f) {
    return values.get(f);
  }

  /** Epoch ms of the event. */
  public long timestamp() {
    return Long.parseLong(values.get(Field.TIMESTAMP));
  }
}
