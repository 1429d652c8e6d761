package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/** The per-process memo of compiled rules is keyed by the parsed rule's value, never by its identity or id. */
class CompiledQueriesTest {
  private static DetectionRule parse(String file, String value) {
    String yaml = RuleLoaderTest.HEAD + "detection:\n    s:\n        cs-uri-query|contains: " + value
        + "\n    condition: s\n";
    return (DetectionRule) new RuleLoader().parse(file, yaml.getBytes(StandardCharsets.UTF_8)).get(0);
  }

  @Test
  void theSameRuleParsedAgainGetsTheQueryCompiledBefore() {
    DetectionRule first = parse("web/memo-same.yml", "select-from-memo");
    DetectionRule again = parse("web/memo-same.yml", "select-from-memo");
    assertNotSame(first, again);
    assertEquals(first, again);
    assertSame(CompiledQueries.of(first), CompiledQueries.of(again));
  }

  @Test
  void anEditedRuleWithTheSameIdIsCompiledAfresh() {
    Query before = CompiledQueries.of(parse("web/memo-edit.yml", "before-the-edit"));
    Query after = CompiledQueries.of(parse("web/memo-edit.yml", "after-the-edit"));
    assertNotEquals(before, after);
    assertEquals(new QueryCompiler().compile(parse("web/memo-edit.yml", "after-the-edit")).toString(), after.toString());
  }

  @Test
  void theSameTextInAnotherFileIsAnotherKey() {
    DetectionRule here = parse("web/memo-a.yml", "same-text");
    DetectionRule there = parse("web/memo-b.yml", "same-text");
    assertNotEquals(here, there);
    assertNotSame(CompiledQueries.of(here), CompiledQueries.of(there));
  }
}
