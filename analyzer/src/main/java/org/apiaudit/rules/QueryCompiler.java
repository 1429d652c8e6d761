package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apiaudit.UserException;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;

/**
 * Compiles a detection rule into one Lucene query, once, when rules are loaded.
 *
 * <p>String matching follows Sigma: case-insensitive unless {@code |cased}; {@code *} and
 * {@code ?} are wildcards ({@code \*} escapes them); {@code contains/startswith/endswith}
 * add implicit wildcards; {@code re} is an unanchored search unless the expression starts
 * with {@code ^} or ends with {@code $}, case-sensitive unless {@code |re|i} or {@code (?i)}.
 * Case-insensitivity is done with Lucene's {@link RegExp#ASCII_CASE_INSENSITIVE} automaton
 * over the keyword terms as indexed (no lowercased copy of the index): letters outside ASCII
 * compare exactly. All OR-ed values of one field become one automaton, so a 30-keyword list
 * walks the term dictionary once, not 30 times. Values without letters or wildcards become
 * plain term queries. Numbers compare numerically; IPs by address or {@code |cidr}.
 */
public final class QueryCompiler {
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
        b.add(compileMatch(m), Occur.FILTER);
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

  /** One field entry: values OR-ed (AND-ed with |all); keyword fields OR-ed. */
  Query compileMatch(FieldMatch m) {
    String key = "detection." + m.key();
    try {
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
    if (m.has(Modifier.EXISTS)) {
      String v = m.values().get(0);
      boolean want = !"false".equalsIgnoreCase(v);
      return want ? FieldQueries.exists(f) : not(FieldQueries.exists(f));
    }
    List<String> values = new ArrayList<>();
    List<Query> nulls = new ArrayList<>();
    for (String v : m.values()) {
      if (v == null) {
        nulls.add(not(FieldQueries.exists(f)));
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

  private static Query keyword(FieldMatch m, Field f, List<String> values) {
    boolean caseInsensitive = !m.has(Modifier.CASED);
    if (m.has(Modifier.RE)) {
      caseInsensitive = m.has(Modifier.I);
    }
    List<String> fragments = new ArrayList<>();
    List<Query> terms = new ArrayList<>();
    for (String v : values) {
      if (m.has(Modifier.RE)) {
        String re = v;
        if (re.startsWith("(?i)")) {
          caseInsensitive = true;
          re = re.substring(4);
        }
        fragments.add(anchor(re));
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
      fragments.add(prefix + body + suffix);
    }
    if (!fragments.isEmpty()) {
      String joined = fragments.size() == 1 ? fragments.get(0) : "(" + String.join(")|(", fragments) + ")";
      try {
        terms.add(FieldQueries.regexp(f, joined, RegExp.NONE, caseInsensitive));
      } catch (TooComplexToDeterminizeException tooBig) {
        // Rare: a long list of complex patterns; fall back to one automaton per value.
        for (String frag : fragments) {
          terms.add(FieldQueries.regexp(f, frag, RegExp.NONE, caseInsensitive));
        }
      }
    }
    return or(terms);
  }

  /** Sigma re is a search: unanchored unless it says ^ or $. */
  private static String anchor(String re) {
    String body = re;
    String prefix = ".*";
    String suffix = ".*";
    if (body.startsWith("^")) {
      body = body.substring(1);
      prefix = "";
    }
    if (body.endsWith("$") && !body.endsWith("\\$")) {
      body = body.substring(0, body.length() - 1);
      suffix = "";
    }
    new RegExp(body, RegExp.NONE); // validates; throws IllegalArgumentException naming the problem
    return prefix + "(" + body + ")" + suffix;
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
