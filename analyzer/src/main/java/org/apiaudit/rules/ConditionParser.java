package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition ({@code selection and not 1 of filter_*}) into a {@link Condition}.
 *
 * <p>Precedence as in the Sigma specification: {@code not} binds tighter than {@code and},
 * which binds tighter than {@code or}; parentheses group. {@code 1 of x*}, {@code all of x*},
 * {@code 1 of them} and {@code all of them} are expanded against the rule's selection names
 * (those starting with {@code _} left out).
 * The deprecated pipe aggregations ({@code | count() > 5}) are rejected: use a correlation rule.
 */
public final class ConditionParser {
  private final List<String> tokens;
  private final List<String> selectionNames;
  private final RuleLocation location;
  private int pos;

  private ConditionParser(String text, List<String> selectionNames, RuleLocation location) {
    this.tokens = tokenize(text, location);
    this.selectionNames = selectionNames;
    this.location = location;
  }

  /** Parses {@code text}; errors name the rule and {@code detection.condition}. */
  public static Condition parse(String text, List<String> selectionNames, RuleLocation location) {
    ConditionParser p = new ConditionParser(text, selectionNames, location);
    if (p.tokens.isEmpty()) {
      throw location.error("detection.condition", "is empty");
    }
    Condition c = p.parseOr();
    if (p.pos < p.tokens.size()) {
      throw location.error("detection.condition", "unexpected '" + p.tokens.get(p.pos) + "' in: " + text);
    }
    return c;
  }

  private static List<String> tokenize(String text, RuleLocation location) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '|') {
        throw location.error("detection.condition",
            "aggregation expressions ('| count() ...') are deprecated in Sigma and not supported;"
                + " write a correlation rule (type: event_count or value_count)");
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))
            && text.charAt(i) != '(' && text.charAt(i) != ')') {
          i++;
        }
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  private String peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean peekIs(String word) {
    String t = peek();
    return t != null && t.toLowerCase(Locale.ROOT).equals(word);
  }

  private Condition parseOr() {
    List<Condition> terms = new ArrayList<>();
    terms.add(parseAnd());
    while (peekIs("or")) {
      pos++;
      terms.add(parseAnd());
    }
    return terms.size() == 1 ? terms.get(0) : new Condition.Or(terms);
  }

  private Condition parseAnd() {
    List<Condition> terms = new ArrayList<>();
    terms.add(parseNot());
    while (peekIs("and")) {
      pos++;
      terms.add(parseNot());
    }
    return terms.size() == 1 ? terms.get(0) : new Condition.And(terms);
  }

  private Condition parseNot() {
    if (peekIs("not")) {
      pos++;
      return new Condition.Not(parseNot());
    }
    return parsePrimary();
  }

  private Condition parsePrimary() {
    String t = peek();
    if (t == null) {
      throw location.error("detection.condition", "ends unexpectedly");
    }
    pos++;
    if (t.equals("(")) {
      Condition inner = parseOr();
      if (!")".equals(peek())) {
        throw location.error("detection.condition", "missing ')'");
      }
      pos++;
      return inner;
    }
    if (t.equals(")") || List.of("and", "or").contains(t.toLowerCase(Locale.ROOT))) {
      throw location.error("detection.condition", "unexpected '" + t + "'");
    }
    if ((t.equals("1") || t.equalsIgnoreCase("all") || t.equalsIgnoreCase("any")) && peekIs("of")) {
      pos++;
      String pattern = peek();
      if (pattern == null || pattern.equals("(") || pattern.equals(")")) {
        throw location.error("detection.condition", "'" + t + " of' needs a name pattern or 'them'");
      }
      pos++;
      List<Condition> refs = expand(pattern);
      if (refs.size() == 1) {
        return refs.get(0);
      }
      return t.equalsIgnoreCase("all") ? new Condition.And(refs) : new Condition.Or(refs);
    }
    if (!selectionNames.contains(t)) {
      throw location.error("detection.condition", "refers to '" + t + "', which is not a selection of this rule"
          + " (selections: " + String.join(", ", selectionNames) + ")");
    }
    return new Condition.Ref(t);
  }

  /**
   * The selections {@code pattern} names. As the Sigma specification says, {@code them} and
   * patterns leave out identifiers starting with {@code _} (helpers meant to be named
   * explicitly), unless the pattern itself starts with one.
   */
  private List<Condition> expand(String pattern) {
    List<Condition> refs = new ArrayList<>();
    Pattern re = Pattern.compile(pattern.equalsIgnoreCase("them") ? ".*"
        : Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    boolean withUnderscored = pattern.startsWith("_");
    for (String name : selectionNames) {
      if (re.matcher(name).matches() && (withUnderscored || !name.startsWith("_"))) {
        refs.add(new Condition.Ref(name));
      }
    }
    if (refs.isEmpty()) {
      throw location.error("detection.condition", "'" + pattern + "' matches no selection of this rule");
    }
    return refs;
  }
}
