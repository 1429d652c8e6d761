package org.apiaudit.engine.opensearch;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apiaudit.index.FieldQueries;

/**
 * What detection asks the cluster for: a query that matches every event the rule selection
 * matches and possibly more, without regular expressions.
 *
 * <p>A shard builds each regular expression of a request into an automaton (case-insensitive ones
 * fold every letter) before it searches; the full rule pack's union holds hundreds of them, keyword
 * lists of thousands of characters among them, which kept the in-process test node building for
 * over 15 minutes. The detecting machine re-runs every rule exactly on the events it reads, so
 * the cluster only has to return a superset: an expression becomes "the field has a value" (an
 * expression only matches a value), and a prohibited clause holding one is left out (excluding
 * less selects more).
 */
final class ClusterPrefilter {
  private ClusterPrefilter() {}

  /** A query matching at least what {@code query} matches, with no regular expression. */
  static Query widen(Query query) {
    if (!hasRegex(query)) {
      return query;
    }
    if (query instanceof BooleanQuery b) {
      return widenBoolean(b);
    }
    if (query instanceof BoostQuery b) {
      return widen(b.getQuery());
    }
    if (query instanceof ConstantScoreQuery c) {
      return widen(c.getQuery());
    }
    if (query instanceof IndexOrDocValuesQuery q) {
      return widen(q.getIndexQuery());
    }
    if (query instanceof FieldQueries.RegexpAutomatonQuery r) {
      return new FieldExistsQuery(r.getField());
    }
    if (query instanceof RegexpQuery r) {
      return new FieldExistsQuery(r.getField());
    }
    return new MatchAllDocsQuery();
  }

  private static Query widenBoolean(BooleanQuery b) {
    boolean positive = b.clauses().stream().anyMatch(c -> c.getOccur() != Occur.MUST_NOT);
    if (!positive) {
      return new MatchNoDocsQuery("only prohibited clauses match nothing"); // as Lucene reads it
    }
    BooleanQuery.Builder wide = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
    for (BooleanClause c : b.clauses()) {
      if (c.getOccur() == Occur.MUST_NOT) {
        if (!hasRegex(c.getQuery())) {
          wide.add(c);
        }
      } else {
        wide.add(widen(c.getQuery()), c.getOccur());
      }
    }
    return wide.build();
  }

  static boolean hasRegex(Query query) {
    if (query instanceof BooleanQuery b) {
      return b.clauses().stream().anyMatch(c -> hasRegex(c.getQuery()));
    }
    if (query instanceof BoostQuery b) {
      return hasRegex(b.getQuery());
    }
    if (query instanceof ConstantScoreQuery c) {
      return hasRegex(c.getQuery());
    }
    if (query instanceof IndexOrDocValuesQuery q) {
      return hasRegex(q.getIndexQuery());
    }
    if (query instanceof FieldQueries.RegexpAutomatonQuery r) {
      return true;
    }
    if (query instanceof RegexpQuery r) {
      return true;
    }
    return false;
  }
}
