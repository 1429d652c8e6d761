package org.apiaudit.search;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.FieldQueries;
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

  public SchemaQueryParser() {
    super(DEFAULT_FIELD.fieldName(), EventIndex.analyzer());
    setAllowLeadingWildcard(true);
  }

  /** Parses {@code text}; a syntax error or unknown field is a {@link UserException}. */
  public Query parseQuery(String text) {
    try {
      return parse(QueryShorthands.expand(text));
    } catch (ParseException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UserException u) {
        throw u;
      }
      throw new UserException("cannot parse query '" + text + "': " + firstLine(e.getMessage()));
    } catch (UserException e) {
      throw e;
    }
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
    return FieldQueries.exact(resolve(field), queryText);
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
    return FieldQueries.exact(resolve(field), queryText);
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
