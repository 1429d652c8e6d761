package org.apiaudit.engine.opensearch;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PointInSetQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;
import org.apache.lucene.util.automaton.RegExp;
import org.apiaudit.UserException;
import org.apiaudit.index.FieldQueries;

/**
 * Translates the Lucene query the schema-aware parser (or the rule compiler) built into the
 * OpenSearch query DSL, so a query means on the cluster exactly what it means in the embedded
 * index: the parser resolved aliases, parsed instants, CIDR ranges and pseudonymised subjects
 * once, and this class only re-spells the resulting tree.
 *
 * <p>OpenSearch runs the same Lucene 9.12, so each node maps onto the query OpenSearch builds
 * from its DSL counterpart: points to {@code range} (a CIDR is its first-to-last address
 * range), terms to {@code term}/{@code terms}, automata to {@code prefix}, {@code wildcard} and
 * {@code regexp} with the same syntax flags and case mode. Fields the embedded index keeps as
 * doc values only are indexed on the cluster, where the same value queries run on terms.
 * A Boolean query with only prohibited clauses matches nothing in Lucene and is sent so
 * ({@code match_none}), where OpenSearch's {@code bool} would match everything else.
 */
public final class QueryDsl {
  private QueryDsl() {}

  /** The DSL object for {@code query}, as nested maps ready for a JSON writer. */
  public static Map<String, Object> of(Query query) {
    if (query instanceof BooleanQuery b) {
      return bool(b);
    }
    if (query instanceof MatchAllDocsQuery) {
      return Map.of("match_all", Map.of());
    }
    if (query instanceof MatchNoDocsQuery) {
      return matchNone();
    }
    if (query instanceof BoostQuery b) {
      return of(b.getQuery());
    }
    if (query instanceof ConstantScoreQuery c) {
      return of(c.getQuery());
    }
    if (query instanceof IndexOrDocValuesQuery q) {
      return of(q.getIndexQuery());
    }
    if (query instanceof TermQuery t) {
      return Map.of("term", Map.of(t.getTerm().field(), t.getTerm().text()));
    }
    if (query instanceof TermInSetQuery t) {
      return Map.of("terms", Map.of(t.getField(), termsOf(t)));
    }
    if (query instanceof TermRangeQuery r) {
      return range(r.getField(), text(r.getLowerTerm()), r.includesLower(), text(r.getUpperTerm()), r.includesUpper());
    }
    if (query instanceof PointRangeQuery p) {
      return pointRange(p);
    }
    if (query instanceof PointInSetQuery p) {
      return pointSet(p);
    }
    if (query instanceof FieldExistsQuery e) {
      return Map.of("exists", Map.of("field", e.getField()));
    }
    if (query instanceof PrefixQuery p) {
      return Map.of("prefix", Map.of(p.getPrefix().field(), Map.of("value", p.getPrefix().text())));
    }
    if (query instanceof WildcardQuery w) {
      return Map.of("wildcard", Map.of(w.getTerm().field(), Map.of("value", w.getTerm().text())));
    }
    if (query instanceof RegexpQuery r) {
      return regexp(r.getRegexp(), RegExp.ALL, false);
    }
    if (query instanceof FieldQueries.RegexpAutomatonQuery r) {
      return regexp(new Term(r.getField(), r.regex()), r.syntaxFlags(), r.caseInsensitive());
    }
    if (query instanceof FuzzyQuery f) {
      return Map.of("fuzzy", Map.of(f.getTerm().field(), Map.of("value", f.getTerm().text(),
          "fuzziness", f.getMaxEdits(), "prefix_length", f.getPrefixLength(), "transpositions", f.getTranspositions())));
    }
    return DocValuesQueries.translate(query);
  }

  static Map<String, Object> matchNone() {
    return Map.of("match_none", Map.of());
  }

  private static Map<String, Object> bool(BooleanQuery b) {
    Map<String, List<Object>> clauses = new LinkedHashMap<>();
    boolean positive = false;
    for (BooleanClause c : b.clauses()) {
      String occur = switch (c.getOccur()) {
        case MUST -> "must";
        case FILTER -> "filter";
        case SHOULD -> "should";
        case MUST_NOT -> "must_not";
      };
      positive |= c.getOccur() != BooleanClause.Occur.MUST_NOT;
      clauses.computeIfAbsent(occur, k -> new ArrayList<>()).add(of(c.getQuery()));
    }
    if (!positive) {
      return matchNone();
    }
    Map<String, Object> body = new LinkedHashMap<>(clauses);
    if (b.getMinimumNumberShouldMatch() > 0) {
      body.put("minimum_should_match", b.getMinimumNumberShouldMatch());
    }
    return Map.of("bool", body);
  }

  private static Map<String, Object> regexp(Term term, int syntaxFlags, boolean caseInsensitive) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("value", term.text());
    params.put("flags", flags(syntaxFlags));
    params.put("case_insensitive", caseInsensitive);
    params.put("max_determinized_states", org.apache.lucene.util.automaton.Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    return Map.of("regexp", Map.of(term.field(), params));
  }

  /** Lucene's syntax flags as OpenSearch's {@code flags} names (the same bits, spelled out). */
  static String flags(int syntaxFlags) {
    if (syntaxFlags == RegExp.ALL) {
      return "ALL";
    }
    List<String> names = new ArrayList<>();
    if ((syntaxFlags & RegExp.INTERSECTION) != 0) {
      names.add("INTERSECTION");
    }
    if ((syntaxFlags & RegExp.COMPLEMENT) != 0) {
      names.add("COMPLEMENT");
    }
    if ((syntaxFlags & RegExp.EMPTY) != 0) {
      names.add("EMPTY");
    }
    if ((syntaxFlags & RegExp.ANYSTRING) != 0) {
      names.add("ANYSTRING");
    }
    if ((syntaxFlags & RegExp.INTERVAL) != 0) {
      names.add("INTERVAL");
    }
    return names.isEmpty() ? "NONE" : String.join("|", names);
  }

  private static Map<String, Object> pointRange(PointRangeQuery p) {
    if (p.getNumDims() != 1) {
      throw unsupported(p, "a multi-dimensional point range");
    }
    if (p.getBytesPerDim() == Long.BYTES) {
      long lo = LongPoint.decodeDimension(p.getLowerPoint(), 0);
      long hi = LongPoint.decodeDimension(p.getUpperPoint(), 0);
      return range(p.getField(), lo == Long.MIN_VALUE ? null : lo, true, hi == Long.MAX_VALUE ? null : hi, true);
    }
    if (p.getBytesPerDim() == InetAddressPoint.BYTES) {
      InetAddress lo = InetAddressPoint.decode(p.getLowerPoint());
      InetAddress hi = InetAddressPoint.decode(p.getUpperPoint());
      return range(p.getField(), lo.equals(InetAddressPoint.MIN_VALUE) ? null : lo.getHostAddress(), true,
          hi.equals(InetAddressPoint.MAX_VALUE) ? null : hi.getHostAddress(), true);
    }
    throw unsupported(p, "a point range of " + p.getBytesPerDim() + "-byte values");
  }

  private static Map<String, Object> pointSet(PointInSetQuery p) {
    List<Object> values = new ArrayList<>();
    for (byte[] bytes : p.getPackedPoints()) {
      values.add(p.getBytesPerDim() == InetAddressPoint.BYTES ? InetAddressPoint.decode(bytes).getHostAddress()
          : (Object) LongPoint.decodeDimension(bytes, 0));
    }
    return Map.of("terms", Map.of(p.getField(), values));
  }

  static Map<String, Object> range(String field, Object lower, boolean includeLower, Object upper,
      boolean includeUpper) {
    Map<String, Object> bounds = new LinkedHashMap<>();
    if (lower != null) {
      bounds.put(includeLower ? "gte" : "gt", lower);
    }
    if (upper != null) {
      bounds.put(includeUpper ? "lte" : "lt", upper);
    }
    if (field.equals(org.apiaudit.schema.Field.TIMESTAMP.fieldName())) {
      bounds.put("format", "epoch_millis");
    }
    return Map.of("range", Map.of(field, bounds));
  }

  private static List<Object> termsOf(TermInSetQuery t) {
    List<Object> values = new ArrayList<>();
    try {
      BytesRefIterator it = t.getBytesRefIterator();
      for (BytesRef v = it.next(); v != null; v = it.next()) {
        values.add(v.utf8ToString());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  private static String text(BytesRef b) {
    return b == null ? null : b.utf8ToString();
  }

  static UserException unsupported(Query q, String what) {
    return new UserException("the opensearch engine cannot run " + what + " (" + q.getClass().getSimpleName() + ": "
        + q + ")");
  }
}
