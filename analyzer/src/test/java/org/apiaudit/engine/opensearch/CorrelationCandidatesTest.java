package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which correlations the cluster's counts narrow, and the filter a rule's candidate groups
 * become: every group the engine can form is among the events it selects, including those whose
 * group-by value the cluster does not index.
 */
class CorrelationCandidatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The detection rule the test correlations count: every answered call. */
  static final String ANY_CALL = """
      title: Any Call
      id: 11111111-2222-3333-4444-000000000001
      name: any_call
      logsource:
          product: apiaudit
          service: gateway
      detection:
          selection:
              http.response.status_code: 200
          condition: selection
      level: low
      """;

  @TempDir Path tmp;

  @Test
  void aCandidateWithoutTheFieldReadsEveryEventWithoutIt() throws Exception {
    // the engine groups no event without a value, but an address the cluster could not index
    // (malformed) is a group in the engine and "missing" on the cluster
    String dsl = dsl(List.of(Field.SOURCE_IP), List.of(Set.of("198.51.100.7")), true);
    assertEquals("{\"bool\":{\"filter\":[{\"bool\":{\"should\":[{\"terms\":{\"source.ip\":[\"198.51.100.7\"]}},"
        + "{\"bool\":{\"filter\":[{\"match_all\":{}}],\"must_not\":[{\"exists\":{\"field\":\"source.ip\"}}]}}]}}]}}", dsl);
  }

  @Test
  void twoGroupByFieldsSelectEachFieldsCandidateValues() throws Exception {
    String dsl = dsl(List.of(Field.PRINCIPAL, Field.SOURCE_IP), List.of(Set.of("tk-1"), Set.of("198.51.100.7")), false);
    assertEquals("{\"bool\":{\"filter\":[{\"bool\":{\"should\":[{\"terms\":{\"auth.principal\":[\"tk-1\"]}}]}},"
        + "{\"bool\":{\"should\":[{\"terms\":{\"source.ip\":[\"198.51.100.7\"]}}]}}]}}", dsl);
  }

  @Test
  void tooManyCandidatesOrNoGroupByReadTheWholeSelection() {
    Set<String> many = IntStream.rangeClosed(0, CorrelationCandidates.MAX_VALUES).mapToObj(i -> "tk-" + i)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    assertTrue(CorrelationCandidates.filter(List.of(Field.PRINCIPAL), List.of(many), new boolean[1])
        instanceof MatchAllDocsQuery);
    assertTrue(CorrelationCandidates.filter(List.of(), List.of(), new boolean[0]) instanceof MatchAllDocsQuery);
  }

  @Test
  void countsNarrowWindowedEventAndValueCountsButNotTemporal() throws Exception {
    RuleSet rules = load(ANY_CALL, correlation("000000000002", "event_count", "source.ip", "10m", "gte: 20"),
        correlation("000000000003", "value_count", "auth.principal", "1h", "field: subject.id\n        gt: 7"),
        correlation("000000000004", "temporal", "source.ip", "10m", "gte: 1"));
    Map<String, Boolean> countable = rules.correlations().stream()
        .collect(Collectors.toMap(c -> c.id().substring(24), CorrelationCandidates::countable));
    assertEquals(Map.of("000000000002", true, "000000000003", true, "000000000004", false), countable);
  }

  private RuleSet load(String... documents) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(dir.resolve("rules.yml"), String.join("---\n", documents));
    return new RuleLoader().load(dir);
  }

  /** A correlation of {@link #ANY_CALL} with these parameters. */
  static String correlation(String id, String type, String groupBy, String timespan, String condition) {
    return "title: Correlation " + id + "\nid: 11111111-2222-3333-4444-" + id + "\nlevel: low\ncorrelation:\n"
        + "    type: " + type + "\n    rules: [any_call]\n    group-by: [" + groupBy + "]\n    timespan: " + timespan
        + "\n    condition:\n        " + condition + "\n";
  }

  private static String dsl(List<Field> groupBy, List<Set<String>> values, boolean missingFirst) throws Exception {
    boolean[] missing = new boolean[groupBy.size()];
    missing[0] = missingFirst;
    return JSON.writeValueAsString(QueryDsl.of(CorrelationCandidates.filter(groupBy, new ArrayList<>(values), missing)));
  }
}
