package org.apiaudit.rules;

import java.util.List;

/**
 * A parsed Sigma condition. {@code 1 of x*} and {@code all of them} are expanded into
 * {@link Or}/{@link And} of {@link Ref}s when parsed, so the compiler only sees four shapes.
 */
public sealed interface Condition {
  /** A reference to a named selection. */
  record Ref(String name) implements Condition {}

  record And(List<Condition> terms) implements Condition {
    public And {
      terms = List.copyOf(terms);
    }
  }

  record Or(List<Condition> terms) implements Condition {
    public Or {
      terms = List.copyOf(terms);
    }
  }

  record Not(Condition term) implements Condition {}
}
