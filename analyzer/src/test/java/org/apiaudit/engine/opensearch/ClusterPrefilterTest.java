package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

/** What detection sends the cluster is a superset of the selection, without long expressions. */
class ClusterPrefilterTest {
  private static Query longList() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      words.add("scanner-" + i);
    }
    return FieldQueries.regexp(Field.USER_AGENT, ".*(" + String.join("|", words) + ").*", true);
  }

  @Test
  void plainQueriesGoAsTheyAre() {
    Query q = new BooleanQuery.Builder().add(FieldQueries.exact(Field.METHOD, "GET"), Occur.FILTER)
        .add(FieldQueries.prefix(Field.URL_PATH, "/api/"), Occur.MUST).build();
    assertFalse(ClusterPrefilter.hasRegex(q));
    assertEquals(q, ClusterPrefilter.widen(q));
    assertEquals(new FieldExistsQuery(Field.USER_AGENT.fieldName()),
        ClusterPrefilter.widen(FieldQueries.regexp(Field.USER_AGENT, ".*(sqlmap|nikto).*", true)));
  }

  @Test
  void aKeywordListBecomesFieldHasAValue() {
    Query wide = ClusterPrefilter.widen(longList());
    assertEquals(new FieldExistsQuery(Field.USER_AGENT.fieldName()), wide);
  }

  @Test
  void aProhibitedExpressionIsLeftOutAndTheRestKept() {
    Query method = FieldQueries.exact(Field.METHOD, "GET");
    Query q = new BooleanQuery.Builder().add(method, Occur.FILTER).add(longList(), Occur.MUST_NOT).build();
    Query wide = ClusterPrefilter.widen(q);
    assertFalse(ClusterPrefilter.hasRegex(wide));
    assertEquals(new BooleanQuery.Builder().add(method, Occur.FILTER).build(), wide);
  }

  @Test
  void nestedShouldClausesKeepTheirMinimumAndOnlyProhibitionsMatchNothingAsInLucene() {
    Query q = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1)
        .add(longList(), Occur.SHOULD).add(FieldQueries.exact(Field.METHOD, "POST"), Occur.SHOULD).build();
    BooleanQuery wide = (BooleanQuery) ClusterPrefilter.widen(q);
    assertEquals(1, wide.getMinimumNumberShouldMatch());
    assertFalse(ClusterPrefilter.hasRegex(wide));
    Query onlyNot = new BooleanQuery.Builder().add(longList(), Occur.MUST_NOT).build();
    assertTrue(ClusterPrefilter.widen(onlyNot) instanceof MatchNoDocsQuery);
  }
}
