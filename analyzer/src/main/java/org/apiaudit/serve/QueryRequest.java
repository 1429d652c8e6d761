package org.apiaudit.serve;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apiaudit.UserException;
import org.apiaudit.index.Instants;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.SchemaQueryParser;

/**
 * A typed query and time range as the UI sends them ({@code q}, {@code from}, {@code to}), parsed
 * with {@link SchemaQueryParser} within the server's limits, with errors said in plain words for
 * the line under the query bar ("missing ')'", "unknown field 'ipp' — did you mean ip?"). A clear
 * {@code subject:} number is searched by its pseudonym, and the query text kept or quoted back
 * has every identifier-shaped number masked ({@link CasePseudonyms}).
 *
 * @param text the query as typed ({@code *:*} when empty), identifiers masked
 * @param from start of the range, epoch ms, or null
 * @param to end of the range (inclusive), epoch ms, or null
 * @param query the parsed query restricted to the range
 */
record QueryRequest(String text, Long from, Long to, Query query) {
  /** Longest query text accepted (413 above): a typed query is a line, not a document. */
  static final int MAX_QUERY_CHARS = 2000;
  /**
   * Most leaf clauses accepted (413 above). Each clause is a term lookup or a doc-values scan per
   * request; a few hundred is more than any hand-typed query.
   */
  static final int MAX_CLAUSES = 256;

  private static final Pattern UNKNOWN_FIELD = Pattern.compile("^unknown field '([^']*)'");

  /** Parses {@code q/from/to} of {@code params}; times without a zone are read in {@code zone}. */
  static QueryRequest of(Params params, ZoneId zone, CasePseudonyms pseudonyms) {
    String typed = params.get("q", "*:*").strip();
    if (typed.length() > MAX_QUERY_CHARS) {
      throw new ApiException(413, "query of " + typed.length() + " characters; at most " + MAX_QUERY_CHARS
          + " are accepted");
    }
    String text = pseudonyms.mask(typed);
    SchemaQueryParser parser = new SchemaQueryParser(pseudonyms::pseudonym);
    Long from = time(params.get("from"), zone, "from");
    Long to = time(params.get("to"), zone, "to");
    if (from != null && to != null && from > to) {
      throw ApiException.badRequest("the time range ends before it starts");
    }
    String problem = syntaxProblem(text);
    if (problem != null) {
      throw ApiException.badRequest(problem);
    }
    Query parsed;
    try {
      parsed = parser.parseQuery(text);
    } catch (UserException e) {
      throw ApiException.badRequest(plainWords(e.getMessage()));
    }
    int clauses = clauses(parsed);
    if (clauses > MAX_CLAUSES) {
      throw new ApiException(413, "query has " + clauses + " clauses; at most " + MAX_CLAUSES + " are accepted");
    }
    return new QueryRequest(text, from, to, EventSearcher.withTimeRange(parsed, from, to));
  }

  private static Long time(String value, ZoneId zone, String name) {
    if (value == null) {
      return null;
    }
    if (value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
      return Long.parseLong(value);
    }
    try {
      return Instants.parse(value, zone);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("'" + name + "' is not a time: use ISO-8601 (2023-06-08T22:00+05:30) or epoch ms");
    }
  }

  /** Leaf clauses of {@code q}: the work a query asks for. */
  static int clauses(Query q) {
    int[] n = {0};
    q.visit(new QueryVisitor() {
      @Override
      public void visitLeaf(Query query) {
        n[0]++;
      }

      @Override
      public void consumeTerms(Query query, org.apache.lucene.index.Term... terms) {
        n[0] += terms.length;
      }

      @Override
      public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
        return this;
      }
    });
    return n[0];
  }

  /**
   * The first unbalanced bracket or quote of {@code text}, said plainly, or null: Lucene's own
   * message for these lists every token it expected.
   */
  static String syntaxProblem(String text) {
    int parens = 0;
    int brackets = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '(') {
          parens++;
        } else if (c == ')' && --parens < 0) {
          return "unexpected ')' at character " + (i + 1) + " (no '(' before it)";
        } else if (c == '[' || c == '{') {
          brackets++;
        } else if ((c == ']' || c == '}') && --brackets < 0) {
          return "unexpected '" + c + "' at character " + (i + 1) + " (no range opened before it)";
        }
      }
    }
    if (quoted) {
      return "missing closing '\"'";
    }
    if (parens > 0) {
      return "missing ')'" + (parens > 1 ? " (" + parens + " of them)" : "");
    }
    if (brackets > 0) {
      return "missing ']' to close the range";
    }
    return null;
  }

  /** The parser's message, with a suggestion for a mistyped field name. */
  static String plainWords(String message) {
    Matcher m = UNKNOWN_FIELD.matcher(message);
    if (m.find()) {
      String name = m.group(1);
      String best = Field.names().keySet().stream()
          .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k))
          .orElse(null);
      boolean close = best != null && distance(name, best) <= Math.max(1, name.length() / 3);
      return "unknown field '" + name + "'" + (close ? " — did you mean " + best + "?" : "")
          + " (the fields are listed by 'analyzer stats --fields')";
    }
    String cut = message.replaceFirst("^cannot parse query '.*?': Cannot parse '.*?': ", "");
    int expecting = cut.indexOf("Was expecting");
    return expecting > 0 ? cut.substring(0, expecting).strip() : cut;
  }

  /** Levenshtein distance, for field names of a few characters. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The parameters that reproduce this request in a link. */
  Map<String, Object> describe() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("q", text);
    m.put("from", from);
    m.put("to", to);
    return m;
  }
}
