package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apiaudit.UserException;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Compiles a detection rule into one Lucene query, once, when rules are loaded.
 *
 * <p>String matching follows Sigma: case-insensitive unless {@code |cased}; {@code *} and
 * {@code ?} are wildcards ({@code \*} escapes them); {@code contains/startswith/endswith}
 * add implicit wildcards; {@code re} is Sigma's regex subset ({@link SigmaRegex}), an unanchored
 * search unless it starts with {@code ^} or ends with {@code $}, case-sensitive unless
 * {@code |re|i} or {@code (?i)}; {@code neq} negates; {@code fieldref} compares two columns;
 * time modifiers test a part of a timestamp in UTC.
 * Case-insensitivity is done with Lucene's {@link RegExp#ASCII_CASE_INSENSITIVE} automaton
 * over the keyword terms as indexed (no lowercased copy of the index): letters outside ASCII
 * compare exactly. All OR-ed values of one field become one automaton, so a 30-keyword list
 * walks the term dictionary once, not 30 times. Values without letters or wildcards become
 * plain term queries. Numbers compare numerically; IPs by address or {@code |cidr}.
 */
public final class QueryCompiler {
  private final Map<String, Automaton> automata = new HashMap<>();

  /** Compiles {@code rule}; errors name the rule file:line, id and selection key. */
  public Query compile(DetectionRule rule) {
    Map<String, Query> selections = new HashMap<>();
    for (Selection s : rule.selections()) {
      selections.put(s.name(), compileSelection(s));
    }
    return compileCondition(rule.condition(), selections);
  }

  private Query compileCondition(Condition c, Map<String, Query> selections) {
    if (c instanceof Condition.Ref r) {
      return selections.get(r.name());
    }
    if (c instanceof Condition.Not n) {
      return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(compileCondition(n.term(), selections), Occur.MUST_NOT).build();
    }
    if (c instanceof Condition.And a) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      boolean positive = false;
      for (Condition t : a.terms()) {
        if (t instanceof Condition.Not n) {
          b.add(compileCondition(n.term(), selections), Occur.MUST_NOT);
        } else {
          b.add(compileCondition(t, selections), Occur.FILTER);
          positive = true;
        }
      }
      if (!positive) {
        b.add(new MatchAllDocsQuery(), Occur.FILTER);
      }
      return b.build();
    }
    Condition.Or o = (Condition.Or) c;
    return or(o.terms().stream().map(t -> compileCondition(t, selections)).toList());
  }

  private Query compileSelection(Selection s) {
    List<Query> alternatives = new ArrayList<>();
    for (List<FieldMatch> conj : s.alternatives()) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (FieldMatch m : conj) {
        b.add(compileMatch(s.name(), m), Occur.FILTER);
      }
      alternatives.add(b.build());
    }
    return or(alternatives);
  }

  private static Query or(List<Query> queries) {
    if (queries.size() == 1) {
      return queries.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Query q : queries) {
      b.add(q, Occur.SHOULD);
    }
    return b.setMinimumNumberShouldMatch(1).build();
  }

  /**
   * One field entry of selection {@code selection}: values OR-ed (AND-ed with |all); keyword
   * fields OR-ed; negated by |neq. Errors name the key as the parser does
   * ({@code detection.selection.field|modifiers}).
   */
  Query compileMatch(String selection, FieldMatch m) {
    String key = "detection." + selection + (m.key().equals(FieldMatch.KEYWORDS) ? "" : "." + m.key());
    try {
      if (m.has(Modifier.NEQ)) {
        java.util.Set<Modifier> rest = java.util.EnumSet.copyOf(m.modifiers());
        rest.remove(Modifier.NEQ);
        return not(compileMatch(selection, new FieldMatch(m.key(), m.fields(), rest, m.values(), m.location())));
      }
      if (m.has(Modifier.ALL) && m.fields().size() > 1) {
        // keywords|all: each keyword in some text field, not all of them in one
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String v : m.values()) {
          FieldMatch one = new FieldMatch(m.key(), m.fields(), m.modifiers(), java.util.Collections.singletonList(v),
              m.location());
          List<Query> perField = new ArrayList<>();
          for (Field f : m.fields()) {
            perField.add(compileField(one, f));
          }
          b.add(or(perField), Occur.FILTER);
        }
        return b.build();
      }
      List<Query> perField = new ArrayList<>();
      for (Field f : m.fields()) {
        perField.add(compileField(m, f));
      }
      return or(perField);
    } catch (UserException e) {
      throw m.location().error(key, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw m.location().error(key, "unsupported or malformed expression: " + e.getMessage());
    }
  }

  private Query compileField(FieldMatch m, Field f) {
    if (m.isKeywordSearch() && f.isNumeric()) {
      return numberAsText(m, f);
    }
    if (m.has(Modifier.FIELDREF)) {
      List<Query> qs = new ArrayList<>();
      for (String other : m.values()) {
        qs.add(FieldQueries.sameValue(f, Field.byName(other)));
      }
      return m.has(Modifier.ALL) ? and(qs) : or(qs);
    }
    java.time.temporal.TemporalField part = timePart(m);
    if (part != null) {
      List<Query> qs = new ArrayList<>();
      for (String v : m.values()) {
        long want;
        try {
          want = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
          throw new UserException("a time modifier compares a whole number (an hour, a month); got: " + v);
        }
        qs.add(FieldQueries.timePart(f, part, compare(m, want)));
      }
      return m.has(Modifier.ALL) ? and(qs) : or(qs);
    }
    if (m.has(Modifier.EXISTS)) {
      String v = m.values().get(0);
      boolean want = !"false".equalsIgnoreCase(v);
      return want ? FieldQueries.exists(f) : not(FieldQueries.exists(f));
    }
    List<String> values = new ArrayList<>();
    List<Query> nulls = new ArrayList<>();
    for (String v : m.values()) {
      if (v == null || (Event.isAbsent(v) && !m.has(Modifier.RE) && !wildcardModifier(m))) {
        // null: the field is absent; '' and '-': logged empty, which ingest stores as absent
        nulls.add(not(FieldQueries.exists(f)));
      } else if (v.isEmpty()) {
        // contains/startswith/endswith/re '': every value has the empty string in it, an absent
        // field has no value to have it
        nulls.add(FieldQueries.exists(f));
      } else {
        values.add(v);
      }
    }
    List<Query> parts = new ArrayList<>(nulls);
    if (!values.isEmpty()) {
      if (m.has(Modifier.ALL)) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String v : values) {
          b.add(compileValues(m, f, List.of(v)), Occur.FILTER);
        }
        parts.add(b.build());
      } else {
        parts.add(compileValues(m, f, values));
      }
    }
    return or(parts);
  }

  /**
   * A keyword search over a number the log line shows as text (the status code): the values
   * {@code 0..999} whose decimal text contains a keyword, as one set query. Keywords without a
   * digit match none, so the field adds nothing to them.
   */
  private static Query numberAsText(FieldMatch m, Field f) {
    List<String> codes = new ArrayList<>();
    List<java.util.regex.Pattern> keywords = new ArrayList<>();
    for (String v : m.values()) {
      if (v != null && !v.isEmpty()) {
        keywords.add(java.util.regex.Pattern.compile(".*" + wildcardToRegexp(v) + ".*",
            java.util.regex.Pattern.DOTALL | java.util.regex.Pattern.CASE_INSENSITIVE));
      }
    }
    for (int code = 0; code < 1000; code++) {
      String text = Integer.toString(code);
      if (keywords.stream().anyMatch(p -> p.matcher(text).matches())) {
        codes.add(text);
      }
    }
    return codes.isEmpty() ? new org.apache.lucene.search.MatchNoDocsQuery() : FieldQueries.anyOf(f, codes);
  }

  private static java.time.temporal.TemporalField timePart(FieldMatch m) {
    for (Modifier x : m.modifiers()) {
      if (x.timePart() != null) {
        return x.timePart();
      }
    }
    return null;
  }

  /** The comparison the numeric modifiers ask for against {@code want}; equality without one. */
  private static java.util.function.LongPredicate compare(FieldMatch m, long want) {
    if (m.has(Modifier.GT)) {
      return x -> x > want;
    }
    if (m.has(Modifier.GTE)) {
      return x -> x >= want;
    }
    if (m.has(Modifier.LT)) {
      return x -> x < want;
    }
    if (m.has(Modifier.LTE)) {
      return x -> x <= want;
    }
    return x -> x == want;
  }

  private static Query and(List<Query> queries) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Query q : queries) {
      b.add(q, Occur.FILTER);
    }
    return b.build();
  }

  private static boolean wildcardModifier(FieldMatch m) {
    return m.has(Modifier.CONTAINS) || m.has(Modifier.STARTSWITH) || m.has(Modifier.ENDSWITH);
  }

  private static Query not(Query q) {
    return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER).add(q, Occur.MUST_NOT).build();
  }

  private Query compileValues(FieldMatch m, Field f, List<String> values) {
    boolean compare = m.has(Modifier.GT) || m.has(Modifier.GTE) || m.has(Modifier.LT) || m.has(Modifier.LTE);
    boolean stringy = m.has(Modifier.CONTAINS) || m.has(Modifier.STARTSWITH) || m.has(Modifier.ENDSWITH)
        || m.has(Modifier.RE);
    switch (f.type()) {
      case LONG:
      case INSTANT: {
        if (stringy || m.has(Modifier.CIDR)) {
          throw new UserException("field " + f + " is numeric; string modifiers do not apply");
        }
        List<Query> qs = new ArrayList<>();
        for (String v : values) {
          qs.add(compare ? range(m, f, v) : FieldQueries.exact(f, v));
        }
        return or(qs);
      }
      case IP: {
        if (stringy || compare) {
          throw new UserException("field " + f + " holds IP addresses; match them exactly or with |cidr");
        }
        List<Query> qs = new ArrayList<>();
        for (String v : values) {
          if (v.indexOf('*') >= 0) {
            throw new UserException("wildcards do not apply to IP field " + f + "; use |cidr (got: " + v + ")");
          }
          qs.add(FieldQueries.exact(f, v));
        }
        return or(qs);
      }
      case KEYWORD:
        if (compare || m.has(Modifier.CIDR)) {
          throw new UserException("field " + f + " is a keyword; gt/gte/lt/lte/cidr do not apply");
        }
        return keyword(m, f, values);
      default:
        throw new UserException("field " + f + " cannot be matched by rules (" + f.type().name().toLowerCase(java.util.Locale.ROOT)
            + "); use " + Field.USER_AGENT + " or another keyword field");
    }
  }

  private static Query range(FieldMatch m, Field f, String v) {
    if (m.has(Modifier.GT)) {
      return FieldQueries.range(f, v, null, false, true);
    }
    if (m.has(Modifier.GTE)) {
      return FieldQueries.range(f, v, null, true, true);
    }
    if (m.has(Modifier.LT)) {
      return FieldQueries.range(f, null, v, true, false);
    }
    return FieldQueries.range(f, null, v, true, true);
  }

  private Query keyword(FieldMatch m, Field f, List<String> values) {
    boolean caseInsensitive = !m.has(Modifier.CASED);
    if (m.has(Modifier.RE)) {
      caseInsensitive = m.has(Modifier.I);
    }
    List<Fragment> fragments = new ArrayList<>();
    List<Query> terms = new ArrayList<>();
    for (String v : values) {
      if (m.has(Modifier.RE)) {
        SigmaRegex re = SigmaRegex.of(v, m.has(Modifier.I), m.has(Modifier.M), m.has(Modifier.S));
        caseInsensitive |= re.caseInsensitive();
        new RegExp(re.body(), RegExp.NONE); // validates; throws IllegalArgumentException naming the problem
        fragments.add(new Fragment(re.prefix(), re.body(), re.suffix()));
        continue;
      }
      String body = wildcardToRegexp(v);
      boolean plain = body.equals(escapeAll(v)) && !m.has(Modifier.CONTAINS) && !m.has(Modifier.STARTSWITH)
          && !m.has(Modifier.ENDSWITH);
      if (plain && (!caseInsensitive || !hasLetter(v))) {
        terms.add(FieldQueries.exact(f, v));
        continue;
      }
      String prefix = m.has(Modifier.CONTAINS) || m.has(Modifier.ENDSWITH) ? ".*" : "";
      String suffix = m.has(Modifier.CONTAINS) || m.has(Modifier.STARTSWITH) ? ".*" : "";
      fragments.add(new Fragment(prefix, body, suffix));
    }
    if (!fragments.isEmpty()) {
      String joined = union(fragments);
      Automaton all = automaton(joined, caseInsensitive);
      if (all != null) {
        terms.add(FieldQueries.regexp(f, joined, all, RegExp.NONE, caseInsensitive));
      } else {
        // Rare: a long list of complex patterns; fall back to one automaton per value.
        for (Fragment frag : fragments) {
          String regex = frag.regex();
          Automaton one = automaton(regex, caseInsensitive);
          terms.add(one != null ? FieldQueries.regexp(f, regex, one, RegExp.NONE, caseInsensitive)
              : FieldQueries.regexp(f, regex, RegExp.NONE, caseInsensitive)); // throws: too complex
        }
      }
    }
    return or(terms);
  }

  /** One value as a regular expression: {@code prefix} ({@code .*} or empty), the value, {@code suffix}. */
  private record Fragment(String prefix, String core, String suffix) {
    String regex() {
      return prefix + core + suffix;
    }
  }

  /**
   * The values as one expression. A shared prefix and suffix (a {@code contains} list's
   * {@code .*}) is written once around the alternatives: the same language, but Lucene then
   * determinises {@code .*(a|b|...).*} (an Aho-Corasick-sized automaton) instead of a union of
   * {@code .*a.*} automata, whose determinisation blows up on a long keyword list.
   */
  private static String union(List<Fragment> fragments) {
    if (fragments.size() == 1) {
      return fragments.get(0).regex();
    }
    Fragment first = fragments.get(0);
    boolean shared = fragments.stream()
        .allMatch(x -> x.prefix().equals(first.prefix()) && x.suffix().equals(first.suffix()));
    if (shared) {
      return first.prefix() + "((" + String.join(")|(", fragments.stream().map(Fragment::core).toList()) + "))"
          + first.suffix();
    }
    return "(" + String.join(")|(", fragments.stream().map(Fragment::regex).toList()) + ")";
  }

  /**
   * The automaton of {@code regex}, built once per compiler (a keyword list is matched against
   * several fields with the same expression, and building it is the costly part); null when it
   * is too complex to determinise.
   */
  private Automaton automaton(String regex, boolean caseInsensitive) {
    String key = (caseInsensitive ? "i:" : "c:") + regex;
    if (!automata.containsKey(key)) {
      Automaton a;
      try {
        a = FieldQueries.regexpAutomaton(regex, RegExp.NONE, caseInsensitive);
      } catch (TooComplexToDeterminizeException tooBig) {
        a = null;
      }
      automata.put(key, a);
    }
    return automata.get(key);
  }

  /** A Sigma value with wildcards as a Lucene regexp: * and ? wild, \*, \? and \\ literal. */
  static String wildcardToRegexp(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length() && (v.charAt(i + 1) == '*' || v.charAt(i + 1) == '?' || v.charAt(i + 1) == '\\')) {
        sb.append('\\').append(v.charAt(++i));
      } else if (c == '*') {
        sb.append(".*");
      } else if (c == '?') {
        sb.append('.');
      } else {
        appendEscaped(sb, c);
      }
    }
    return sb.toString();
  }

  private static String escapeAll(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      appendEscaped(sb, v.charAt(i));
    }
    return sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, char c) {
    if (Character.isLetterOrDigit(c)) {
      sb.append(c);
    } else {
      sb.append('\\').append(c);
    }
  }

  private static boolean hasLetter(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.isLetter(v.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
