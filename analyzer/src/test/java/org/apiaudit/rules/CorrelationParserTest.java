package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

/**
 * Correlation rules as loaded: each key and each {@code x-apiaudit} parameter checked against
 * its declaration ({@link CorrelationParameters}), errors at the line of the key at fault.
 */
class CorrelationParserTest {
  private static final String ID = "11111111-2222-3333-4444-555555555555";
  /** "correlation:" is line 4, its first entry line 5. */
  private static final String HEAD = "title: T\nid: " + ID + "\nlevel: low\ncorrelation:\n";
  private static final String AT = "web/c.yml:";
  private static final String RULE = ": rule " + ID + ": ";
  private static final String EVENT_COUNT = "    type: event_count\n    rules: [a]\n    group-by: [c-ip]\n";

  private static CorrelationRule parse(String body) {
    return parse(HEAD, body);
  }

  private static CorrelationRule parse(String head, String body) {
    return (CorrelationRule) new RuleLoader().parse("web/c.yml", (head + body).getBytes(StandardCharsets.UTF_8)).get(0);
  }

  private static String error(String body) {
    return assertThrows(UserException.class, () -> parse(body)).getMessage();
  }

  @Test
  void aSigmaEventCountLoadsWithItsWindowGroupAndThreshold() {
    CorrelationRule c = parse(EVENT_COUNT + "    timespan: 5m\n    condition: {gte: 30}\n    generate: true\n");
    assertEquals(CorrelationType.EVENT_COUNT, c.type());
    assertEquals(List.of("a"), c.ruleRefs());
    assertEquals(List.of(Field.SOURCE_IP), c.groupBy());
    assertEquals(300_000, c.timespanMs());
    assertEquals(new Threshold("gte", 30), c.threshold());
    assertEquals(true, c.generate());
  }

  @Test
  void timeframeIsTheOlderSpellingOfTimespanAndErrorsNameIt() {
    assertEquals(3_600_000, parse(EVENT_COUNT + "    timeframe: 1h\n    condition: {gt: 3}\n").timespanMs());
    assertEquals(AT + "8" + RULE + "correlation.timeframe: expected a timespan such as 30s, 5m, 1h or 1d; got: soon",
        error(EVENT_COUNT + "    timeframe: soon\n    condition: {gt: 3}\n"));
    assertEquals(AT + "8" + RULE + "correlation.timespan: expected a timespan such as 30s, 5m, 1h or 1d; got: soon",
        error(EVENT_COUNT + "    timespan: soon\n    condition: {gt: 3}\n"));
  }

  @Test
  void unknownKeysAndTypesAreRefusedNamingWhatIsSupported() {
    assertEquals(AT + "6" + RULE + "correlation.windows: unknown key (Sigma's correlation keys: type, rules, group-by,"
        + " timespan, timeframe, condition, generate, aliases, field, x-apiaudit)",
        error("    type: event_count\n    windows: 2\n"));
    assertEquals(AT + "5" + RULE + "correlation.type: unsupported correlation type 'bogus' (supported: event_count,"
        + " value_count, value_sum, value_avg, value_percentile, temporal, temporal_ordered, x-apiaudit/...)",
        error("    type: bogus\n    rules: [a]\n"));
    assertEquals(AT + "4" + RULE + "correlation: must be a mapping", error("    - a\n"));
  }

  @Test
  void referencedRulesAreRequiredAndFollowedTakesTwo() {
    assertEquals(AT + "4" + RULE + "correlation.rules: is missing: a correlation references at least one rule",
        error("    type: event_count\n"));
    assertEquals(AT + "6" + RULE + "correlation.rules: x-apiaudit/followed takes exactly two rules: the leading events"
        + " and the follow-up events", error("    type: x-apiaudit/followed\n    rules: [a]\n"));
  }

  @Test
  void aliasesAreRefused() {
    assertEquals(AT + "8" + RULE + "correlation.aliases: field aliases are not supported yet; all rules share the one"
        + " event schema, so group by the schema field directly", error(EVENT_COUNT + "    aliases: {}\n"));
  }

  @Test
  void groupByTakesAtMostTwoKeywordOrIpColumns() {
    String start = "    type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 3}\n";
    assertEquals(AT + "9" + RULE + "correlation.group-by: unknown field 'nosuch'", error(start + "    group-by: [nosuch]\n"));
    assertEquals(AT + "9" + RULE + "correlation.group-by: cannot group by 'sc-status': only keyword and IP fields with"
        + " doc values can be grouped by", error(start + "    group-by: [sc-status]\n"));
    assertEquals(AT + "9" + RULE + "correlation.group-by: cannot group by 'cs-referer': only keyword and IP fields with"
        + " doc values can be grouped by", error(start + "    group-by: [cs-referer]\n"));
    assertEquals(AT + "9" + RULE + "correlation.group-by: at most two fields are supported; got 3",
        error(start + "    group-by: [c-ip, cs-user-agent, cs-method]\n"));
  }

  @Test
  void conditionMustBeOneComparisonWithANumber() {
    String start = EVENT_COUNT + "    timespan: 1h\n";
    assertEquals(AT + "9" + RULE + "correlation.condition: must be a mapping such as {gte: 10}",
        error(start + "    condition: 5\n"));
    assertEquals(AT + "9" + RULE + "correlation.condition: ranges (two operators) are not supported; use one of"
        + " [gt, gte, lt, lte, eq, neq]", error(start + "    condition: {gte: 5, lte: 9}\n"));
    assertEquals(AT + "9" + RULE + "correlation.condition.gte: must be a number; got: many",
        error(start + "    condition: {gte: many}\n"));
    assertEquals(AT + "9" + RULE + "correlation.condition.above: unknown key (expected field or one of"
        + " [gt, gte, lt, lte, eq, neq])", error(start + "    condition: {above: 3}\n"));
    assertEquals(AT + "4" + RULE + "correlation.condition: is missing (e.g. {gte: 100})", error(start));
  }

  @Test
  void slidingWindowsCountUpwardOnly() {
    assertEquals(AT + "9" + RULE + "correlation.condition: event_count over sliding windows supports gt and gte only;"
        + " got lt", error(EVENT_COUNT + "    timespan: 1h\n    condition: {lt: 3}\n"));
  }

  @Test
  void temporalDefaultsToEveryReferencedRule() {
    CorrelationRule c = parse("    type: temporal\n    rules: [a, b, c]\n    group-by: [c-ip]\n    timespan: 10m\n");
    assertEquals(new Threshold("gte", 3), c.threshold());
  }

  @Test
  void countedFieldsMustExistHaveColumnsAndSumsMustBeNumbers() {
    String start = "    rules: [a]\n    group-by: [c-ip]\n    timespan: 1h\n";
    assertEquals(AT + "4" + RULE + "correlation.condition.field: is missing: value_count counts the values of a field",
        error("    type: value_count\n" + start + "    condition: {gte: 3}\n"));
    assertEquals(AT + "9" + RULE + "correlation.condition.field: value_sum needs a numeric field; 'http.request.method'"
        + " is not one", error("    type: value_sum\n" + start + "    condition: {gte: 3, field: cs-method}\n"));
    assertEquals(AT + "9" + RULE + "correlation.condition.field: 'cs-referer' has no doc values and cannot be counted",
        error("    type: value_count\n" + start + "    condition: {gte: 3, field: cs-referer}\n"));
    assertEquals(AT + "9" + RULE + "correlation.condition.field: unknown field 'nosuch'",
        error("    type: value_count\n" + start + "    condition: {gte: 3, field: nosuch}\n"));
    assertEquals(Field.BYTES, parse("    type: value_sum\n" + start + "    condition: {gt: 1000, field: sc-bytes}\n").field());
  }

  @Test
  void extensionParametersGetTheirDeclaredDefaults() {
    CorrelationRule c = parse("    type: x-apiaudit/cadence\n    rules: [a]\n    group-by: [c-ip]\n    condition: {lte: 0.1}\n");
    assertEquals(30, c.param("min-events"));
    assertEquals(3_600_000, c.durationParam("max-gap"));
    assertEquals(0, c.durationParam("min-events"), "not a duration");
    assertEquals(7, c.param("cap", 7), "undeclared without default: the caller's fallback");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.param("cap"));
    assertEquals("web/c.yml:1: parameter cap is not declared for x-apiaudit/cadence", e.getMessage());
  }

  @Test
  void everyExtensionTypeLoadsWithEveryDeclaredDefaultReadable() {
    for (CorrelationType type : CorrelationType.values()) {
      if (!type.sigmaName().startsWith("x-apiaudit/")) {
        continue;
      }
      boolean followed = type == CorrelationType.FOLLOWED;
      boolean counted = type == CorrelationType.BASELINE || type == CorrelationType.NOVELTY;
      CorrelationRule c = parse("    type: " + type.sigmaName() + "\n    rules: " + (followed ? "[a, b]" : "[a]")
          + "\n    group-by: [c-ip]\n" + (followed ? "    timespan: 1m\n" : "") + "    condition: {gte: 1"
          + (counted ? ", field: cs-user-agent" : "") + "}\n");
      assertEquals(type, c.type());
      for (CorrelationParameters.Param p : CorrelationParameters.of(type).values()) {
        if (p.fallback() == null) {
          continue;
        }
        String what = type.sigmaName() + " " + p.name();
        switch (p.kind()) {
          case DURATION -> assertEquals(((Number) p.fallback()).longValue(), c.durationParam(p.name()), what);
          case INTEGER, NUMBER -> assertEquals(((Number) p.fallback()).doubleValue(), c.param(p.name()), what);
          default -> assertEquals(p.fallback(), c.params().get(p.name()), what);
        }
      }
    }
  }

  private static final String CADENCE = "    type: x-apiaudit/cadence\n    rules: [a]\n    group-by: [c-ip]\n"
      + "    condition: {lte: 0.1}\n    x-apiaudit:\n";

  @Test
  void extensionParametersAreCheckedForTypeAndRangeAtTheirLine() {
    String described = " (min-events: integer in [3, 2147483647], default 30)";
    assertEquals(AT + "11" + RULE + "x-apiaudit.min-events: must be a whole number; got: lots" + described,
        error(CADENCE + "        max-gap: 2h\n        min-events: lots\n"));
    assertEquals(AT + "10" + RULE + "x-apiaudit.min-events: out of range: 2" + described,
        error(CADENCE + "        min-events: 2\n"));
    assertEquals(AT + "10" + RULE + "x-apiaudit.min-events: out of range: 3.5" + described,
        error(CADENCE + "        min-events: 3.5\n"));
    assertEquals(AT + "10" + RULE + "x-apiaudit.min-events: must be a single value" + described,
        error(CADENCE + "        min-events: [3, 4]\n"));
    assertEquals(AT + "10" + RULE + "x-apiaudit.max-gap: expected a timespan such as 30s, 5m, 1h or 1d; got: long",
        error(CADENCE + "        max-gap: long\n"));
  }

  @Test
  void aMisspeltParameterIsRefusedListingTheDeclaredOnes() {
    assertEquals(AT + "10" + RULE + "x-apiaudit.max-gapp: unknown parameter for x-apiaudit/cadence (declared:"
        + " min-events, max-gap, verdict, weight, rationale, actor, min-matches)", error(CADENCE + "        max-gapp: 2h\n"));
  }

  @Test
  void fieldAndTextParametersAreChecked() {
    String followed = "    type: x-apiaudit/followed\n    rules: [a, b]\n    group-by: [c-ip]\n    timespan: 1m\n"
        + "    condition: {gte: 0.5}\n    x-apiaudit:\n";
    assertEquals("http.request.method", parse(followed + "        join: cs-method\n").params().get("join"));
    assertEquals(AT + "11" + RULE + "x-apiaudit.join: must name a keyword field with doc values; got: sc-status",
        error(followed + "        join: sc-status\n"));
    assertEquals(AT + "11" + RULE + "x-apiaudit.verdict: must be one of benign-automation, credential-misuse, scraping,"
        + " suspicious; got: bogus", error(followed + "        verdict: bogus\n"));
  }

  @Test
  void theCorrelationsOwnBlockWinsOverTheRulesTopLevelOne() {
    String head = "title: T\nid: " + ID + "\nlevel: low\nx-apiaudit:\n    min-events: 40\n    max-gap: 5m\ncorrelation:\n";
    CorrelationRule c = parse(head, CADENCE + "        min-events: 50\n");
    assertEquals(50, c.param("min-events"));
    assertEquals(300_000, c.durationParam("max-gap"));
    assertEquals(AT + "5" + RULE + "x-apiaudit.min-events: out of range: 1 (min-events: integer in [3, 2147483647],"
        + " default 30)", assertThrows(UserException.class, () -> parse(head.replace("40", "1"), CADENCE + "        max-gap: 1h\n"))
            .getMessage());
  }

  @Test
  void aDetectionRuleMayCarryOnlyTheRuleLevelKeys() {
    String rule = RuleLoaderTest.HEAD + "x-apiaudit:\n    weight: strong\n    foo: 1\ndetection:\n    s:\n"
        + "        cs-method: GET\n    condition: s\n";
    assertEquals(AT + "8" + RULE + "x-apiaudit.foo: unknown key (declared for every rule: verdict, weight, rationale,"
        + " actor, min-matches)", assertThrows(UserException.class,
            () -> new RuleLoader().parse("web/c.yml", rule.getBytes(StandardCharsets.UTF_8))).getMessage());
  }

  @Test
  void thresholdsCompareAndPrintAsWritten() {
    assertEquals(true, new Threshold("gt", 3).test(4));
    assertEquals(false, new Threshold("gt", 3).test(3));
    assertEquals(true, new Threshold("lte", 0.1).test(0.1));
    assertEquals(true, new Threshold("neq", 2).test(3));
    assertEquals("gte 30", new Threshold("gte", 30).toString());
    assertEquals("lt 0.125", new Threshold("lt", 0.125).toString());
    assertEquals(true, new Threshold("gte", 1).upward());
    assertEquals(false, new Threshold("eq", 1).upward());
  }
}
