package org.apiaudit.schema;

import java.util.Arrays;

/**
 * One access-log request, as parsers produce it and the index consumes it.
 *
 * <p>Mutable and reused: a worker thread parses line after line into the same instance, so the
 * hot loop allocates no event objects. Values are held per {@link Field} ordinal; a field that
 * a format does not carry stays unset ({@code null} or {@link #NO_VALUE}).
 */
public final class Event {
  /** Marker for an unset numeric field. */
  public static final long NO_VALUE = Long.MIN_VALUE;

  private static final Field[] FIELDS = Field.values();

  private final String[] strings = new String[FIELDS.length];
  private final long[] numbers = new long[FIELDS.length];

  public Event() {
    clear();
  }

  /** Unsets every field, ready for the next line. */
  public void clear() {
    Arrays.fill(strings, null);
    Arrays.fill(numbers, NO_VALUE);
  }

  /** Sets a text field; {@code null}, empty and the logs' {@code -} all mean absent. */
  public Event set(Field field, String value) {
    strings[field.ordinal()] = isAbsent(value) ? null : value;
    return this;
  }

  /** Sets a numeric field. */
  public Event set(Field field, long value) {
    numbers[field.ordinal()] = value;
    return this;
  }

  public String get(Field field) {
    return strings[field.ordinal()];
  }

  /** The numeric value, or {@link #NO_VALUE}. */
  public long getLong(Field field) {
    return numbers[field.ordinal()];
  }

  public boolean has(Field field) {
    return field.isNumeric() ? numbers[field.ordinal()] != NO_VALUE : strings[field.ordinal()] != null;
  }

  /** Whether a logged value stands for "absent": null, empty, or a lone dash. */
  public static boolean isAbsent(String value) {
    return value == null || value.isEmpty() || (value.length() == 1 && value.charAt(0) == '-');
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Field f : FIELDS) {
      if (has(f)) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(f.fieldName()).append('=').append(f.isNumeric() ? String.valueOf(getLong(f)) : get(f));
      }
    }
    return sb.append('}').toString();
  }
}
