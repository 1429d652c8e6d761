package org.apiaudit.rules;

import java.util.List;
import java.util.Set;
import org.apiaudit.schema.Field;

/**
 * One {@code field|modifiers: values} entry of a Sigma selection, resolved onto the schema.
 *
 * <p>Values are OR-ed unless {@link Modifier#ALL} is present. A null value (YAML {@code null})
 * means "field absent". {@code fields} has one element for a named field and several for a
 * keyword (unnamed) search, which matches if any of them matches.
 *
 * @param key the key as written, for error messages
 * @param fields the schema fields the values are matched against
 * @param modifiers the modifiers, in any order
 * @param values the values as written (null entries mean "absent")
 * @param location where the key was written
 */
public record FieldMatch(String key, List<Field> fields, Set<Modifier> modifiers, List<String> values,
    RuleLocation location) {
  /** The key of a keyword list ({@code - value} items instead of {@code field: value}). */
  public static final String KEYWORDS = "(keywords)";

  public FieldMatch {
    fields = List.copyOf(fields);
    modifiers = Set.copyOf(modifiers);
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  /** Whether this is an unnamed (keyword) search over the log line's text fields. */
  public boolean isKeywordSearch() {
    return key.equals(KEYWORDS) || key.startsWith("|");
  }

  public boolean has(Modifier m) {
    return modifiers.contains(m);
  }
}
