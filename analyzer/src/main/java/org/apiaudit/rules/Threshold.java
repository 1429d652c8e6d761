package org.apiaudit.rules;

import java.util.Locale;

/**
 * A correlation condition: a comparison of a measured value with a threshold
 * ({@code condition: {gte: 100}}).
 *
 * @param op gt, gte, lt, lte, eq or neq
 * @param value the threshold
 */
public record Threshold(String op, double value) {
  /** The operators, in a fixed order: error messages list them, and must read the same on every run. */
  public static final java.util.Set<String> OPERATORS = java.util.Collections.unmodifiableSet(
      new java.util.LinkedHashSet<>(java.util.List.of("gt", "gte", "lt", "lte", "eq", "neq")));

  public boolean test(double measured) {
    switch (op) {
      case "gt": return measured > value;
      case "gte": return measured >= value;
      case "lt": return measured < value;
      case "lte": return measured <= value;
      case "eq": return measured == value;
      case "neq": return measured != value;
      default: throw new AssertionError(op);
    }
  }

  /** Whether larger measurements are "worse" (gt/gte), so the maximum over windows is reported. */
  public boolean upward() {
    return op.equals("gt") || op.equals("gte");
  }

  @Override
  public String toString() {
    return op + " " + (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value));
  }
}
