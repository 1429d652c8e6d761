package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.lucene.util.automaton.RegExp;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;
import org.apiaudit.search.SchemaQueryParser;
import org.junit.jupiter.api.Test;

/** The DSL each kind of parsed query becomes (the node-backed equivalence test checks the hits). */
class QueryDslTest {
  private static String dsl(String query) throws Exception {
    return OpenSearchClient.JSON.writeValueAsString(QueryDsl.of(new SchemaQueryParser().parseQuery(query)));
  }

  @Test
  void aCidrIsItsFirstToLastAddressRange() throws Exception {
    assertEquals("{\"range\":{\"source.ip\":{\"gte\":\"194.26.76.0\",\"lte\":\"194.26.76.255\"}}}",
        dsl("ip:194.26.76.0/24"));
  }

  @Test
  void instantsAreSentAsEpochMillis() throws Exception {
    assertEquals("{\"range\":{\"@timestamp\":{\"gte\":1685923200000,\"lte\":1685926800000,\"format\":\"epoch_millis\"}}}",
        dsl("time:[2023-06-05T00:00:00Z TO 2023-06-05T01:00:00Z]"));
  }

  @Test
  void aQueryWithOnlyProhibitedClausesMatchesNothingAsInLucene() throws Exception {
    assertEquals("{\"match_none\":{}}", dsl("NOT status:200"));
  }

  @Test
  void exclusiveBoundsOnDocValuesOnlyFieldsBecomeInclusiveNumbers() throws Exception {
    assertEquals("{\"range\":{\"http.response.body.bytes\":{\"gte\":101,\"lte\":199}}}", dsl("bytes:{100 TO 200}"));
  }

  @Test
  void wordQueriesKeepTheirSyntaxFlagsAndCaseMode() throws Exception {
    Map<String, Object> q = QueryDsl.of(FieldQueries.words(Field.USER_AGENT_TEXT, "python"));
    @SuppressWarnings("unchecked")
    Map<String, Object> params = (Map<String, Object>) ((Map<String, Object>) q.get("regexp")).get("user_agent.original");
    assertEquals("NONE", params.get("flags"));
    assertEquals(true, params.get("case_insensitive"));
  }

  @Test
  void aPrebuiltRuleAutomatonIsSentAsItsExpressionWithItsFlagsAndCaseMode() {
    var automaton = FieldQueries.regexpAutomaton(".*((curl)|(wget)).*", RegExp.NONE, true);
    Map<String, Object> q = QueryDsl.of(FieldQueries.regexp(Field.USER_AGENT, ".*((curl)|(wget)).*", automaton,
        RegExp.NONE, true));
    @SuppressWarnings("unchecked")
    Map<String, Object> params = (Map<String, Object>) ((Map<String, Object>) q.get("regexp")).get("user_agent.original");
    assertEquals(".*((curl)|(wget)).*", params.get("value"));
    assertEquals("NONE", params.get("flags"));
    assertEquals(true, params.get("case_insensitive"));
  }
}
