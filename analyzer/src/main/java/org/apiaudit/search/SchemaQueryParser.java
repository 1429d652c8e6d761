package org.apiaudit.search;

import java.util.function.UnaryOperator;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Field;
import org.apiaudit.schema.FieldType;

/**
 * Lucene query syntax over the event schema: field names and aliases are resolved through
 * {@link Field}, and each clause becomes the query its field type needs (CIDR and address
 * ranges for IPs, numeric ranges for status and time, exact terms for keywords, words for
 * text).
 *
 * <p>Examples: {@code ip:203.0.113.0/24 AND status:[400 TO 499]},
 * {@code principal:vacc-1042 AND @timestamp:[2023-06-08T22:00:00+05:30 TO *]},
 * {@code ua_text:"python requests"}, {@code path:\/api\/v2\/partner\/*}.
 * A bare word searches {@code url.path}.
 */
public final class SchemaQueryParser extends QueryParser {
  /** Field searched by a term with no field name. */
  public static final Field DEFAULT_FIELD = Field.URL_PATH;

  /** Turns a clear subject identifier into its pseudonym, or null to search values as typed. */
  private final UnaryOperator<String> subjectPseudonyms;

  public SchemaQueryParser() {
    this(null);
  }

  /**
   * A parser that pseudonymises a clear {@code subject:} value (anything not already a
   * {@code ps-} pseudonym) with {@code subjectPseudonyms}, as ingest did, so that
   * {@code subject:9876543210} finds that person. It is called only when such a value occurs.
   */
  public SchemaQueryParser(UnaryOperator<String> subjectPseudonyms) {
    super(DEFAULT_FIELD.fieldName(), EventIndex.analyzer());
    setAllowLeadingWildcard(true);
    this.subjectPseudonyms = subjectPseudonyms;
  }

  /**
   * Deepest parenthesis nesting accepted. The parser (and Lucene's regular expression parser)
   * recurse once per level: ten thousand levels overflow the thread's stack. No investigator's
   * query comes near this.
   */
  public static final int MAX_NESTING = 100;

  /**
   * Longest regular expression accepted, in characters. Building its automaton is the costly
   * part of a regular-expression query and grows with its length; a longer one is refused
   * before any work is done.
   */
  public static final int MAX_REGEXP_CHARS = 1000;

  /** Longest part of a query quoted back in an error. */
  private static final int MAX_QUOTED = 120;

  /**
   * Parses {@code text}; a syntax error, an unknown field, nesting deeper than
   * {@link #MAX_NESTING}, a regular expression longer than {@link #MAX_REGEXP_CHARS} or too
   * complex to run is a {@link UserException}.
   */
  public Query parseQuery(String text) {
    int depth = nesting(text);
    if (depth > MAX_NESTING) {
      throw new UserException("query nests parentheses " + depth + " deep; at most " + MAX_NESTING + " levels are allowed");
    }
    try {
      return parse(QueryShorthands.expand(text));
    } catch (ParseException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UserException u) {
        throw u;
      }
      if (cause instanceof TooComplexToDeterminizeException) {
        throw tooComplex(text);
      }
      throw new UserException("cannot parse query '" + quoted(text) + "': " + firstLine(e.getMessage()));
    } catch (UserException e) {
      throw e;
    } catch (TooComplexToDeterminizeException e) {
      throw tooComplex(text);
    } catch (StackOverflowError e) {
      // Backstop for recursion the nesting check does not see (a regular expression's own
      // operators): the stack has unwound here, so the error is safe to turn into a message.
      throw new UserException("query '" + quoted(text) + "' is nested too deeply to parse; simplify it");
    }
  }

  private static UserException tooComplex(String text) {
    return new UserException("query '" + quoted(text) + "' has a regular expression or wildcard too complex to run"
        + " (Lucene's automaton work limit); simplify it");
  }

  /** The deepest nesting of unescaped '(' in {@code text}. */
  static int nesting(String text) {
    int depth = 0;
    int max = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        max = Math.max(max, ++depth);
      } else if (c == ')' && depth > 0) {
        depth--;
      }
    }
    return max;
  }

  private static String quoted(String text) {
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static Field resolve(String name) {
    Field f = Field.byName(name);
    if (f == null) {
      throw new UserException("unknown field '" + name + "'; see 'analyzer stats --fields' for the schema");
    }
    return f;
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
    return exact(resolve(field), queryText);
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
    return exact(resolve(field), queryText);
  }

  private Query exact(Field f, String value) {
    if (f == Field.SUBJECT_ID && subjectPseudonyms != null && !Pseudonymizer.isPseudonym(value)) {
      return FieldQueries.exact(f, subjectPseudonyms.apply(value));
    }
    return FieldQueries.exact(f, value);
  }

  @Override
  protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
      boolean endInclusive) throws ParseException {
    Field f = resolve(field);
    return FieldQueries.range(f, open(part1), open(part2), startInclusive, endInclusive);
  }

  private static String open(String bound) {
    return bound == null || bound.equals("*") ? null : bound;
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    if ("*".equals(field) && "*".equals(termStr)) {
      return new org.apache.lucene.search.MatchAllDocsQuery();
    }
    Field f = resolve(field);
    if (termStr.equals("*")) {
      return FieldQueries.exists(f);
    }
    return FieldQueries.wildcard(f, termStr);
  }

  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    Field f = resolve(field);
    if (f.type() == FieldType.TEXT) {
      return FieldQueries.words(f, termStr + "*");
    }
    return FieldQueries.prefix(f, termStr);
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    Field f = resolve(field);
    if (termStr.length() > MAX_REGEXP_CHARS) {
      throw new UserException("regular expression of " + termStr.length() + " characters on " + field + "; at most "
          + MAX_REGEXP_CHARS + " are allowed");
    }
    return FieldQueries.regexp(f.type() == FieldType.TEXT ? f.textSource() : f, termStr, false);
  }

  @Override
  protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
    Field f = resolve(field);
    if (f.type() != FieldType.KEYWORD || !f.isSearchable()) {
      throw new UserException("field " + f + " does not support fuzzy queries");
    }
    return super.getFuzzyQuery(f.fieldName(), termStr, minSimilarity);
  }
}
