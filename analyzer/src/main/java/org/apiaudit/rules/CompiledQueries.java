package org.apiaudit.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.Query;

/**
 * The Lucene query of each detection rule, compiled once per process: {@code rules lint}, the
 * loader's {@code --skip-unsupported} check and every detection run (investigate, nightly,
 * bench and tests run several) ask here instead of compiling again. Compiling is the costly
 * part of loading a pack (long value lists become automata), and the same rule would otherwise
 * be compiled by the loader and again by each run.
 *
 * <p>The key is the parsed rule itself (a record, compared by value: file digest, location,
 * selections with their resolved fields), so an edited rule or another field mapping is a new
 * key, never a stale query. Lucene queries are immutable and safe to share between threads. A
 * process that keeps loading new rule versions (a long nightly loop) is bounded by clearing the
 * memo when it outgrows {@link #MAX_RULES}.
 */
public final class CompiledQueries {
  /** Far more rule documents than any pack holds; only rule edits over a long life reach it. */
  static final int MAX_RULES = 20_000;

  private static final Map<DetectionRule, Query> QUERIES = new ConcurrentHashMap<>();

  private CompiledQueries() {}

  /** The rule's query; compile errors name the rule file:line, id and selection key, as {@link QueryCompiler} does. */
  public static Query of(DetectionRule rule) {
    Query q = QUERIES.get(rule);
    if (q == null) {
      q = new QueryCompiler().compile(rule);
      if (QUERIES.size() >= MAX_RULES) {
        QUERIES.clear();
      }
      QUERIES.put(rule, q);
    }
    return q;
  }
}
