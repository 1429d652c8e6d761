package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;

/** References between rules: ids and names unique, correlations resolved onto detection rules. */
class RuleSetTest {
  static final String BASE_A = "11111111-0000-0000-0000-00000000000a";
  static final String BASE_B = "11111111-0000-0000-0000-00000000000b";
  static final String CORR = "11111111-0000-0000-0000-0000000000cc";

  /** A detection rule with this id (and name, unless null), in {@code file}. */
  static Rule detection(String file, String id, String name) {
    String yaml = "title: T\nid: " + id + "\n" + (name == null ? "" : "name: " + name + "\n") + "level: low\n"
        + "logsource:\n    category: webserver\ndetection:\n    s:\n        cs-method: GET\n    condition: s\n";
    return new RuleLoader().parse(file, yaml.getBytes(StandardCharsets.UTF_8)).get(0);
  }

  /** An event_count correlation over {@code refs}. */
  static Rule correlation(String file, String id, String refs, boolean generate) {
    String yaml = "title: C\nid: " + id + "\nlevel: high\ncorrelation:\n    type: event_count\n    rules: [" + refs + "]\n"
        + "    group-by: [c-ip]\n    timespan: 1m\n    condition: {gte: 5}\n" + (generate ? "    generate: true\n" : "");
    return new RuleLoader().parse(file, yaml.getBytes(StandardCharsets.UTF_8)).get(0);
  }

  private static String error(List<Rule> rules) {
    return assertThrows(UserException.class, () -> new RuleSet(rules)).getMessage();
  }

  @Test
  void correlationsResolveByIdOrNameInTheirOrder() {
    Rule a = detection("a.yml", BASE_A, "login_failed");
    Rule b = detection("b.yml", BASE_B, null);
    CorrelationRule c = (CorrelationRule) correlation("c.yml", CORR, BASE_B + ", login_failed", false);
    RuleSet set = new RuleSet(List.of(a, b, c));
    assertEquals(List.of(b, a), set.targets(c));
    assertSame(a, set.find("login_failed"));
    assertSame(a, set.find(BASE_A));
    assertEquals(null, set.find("nosuch"));
    assertEquals(List.of(a, b), set.detections());
    assertEquals(List.of(c), set.correlations());
  }

  @Test
  void baseRulesOfACorrelationReportOnTheirOwnOnlyWithGenerate() {
    Rule a = detection("a.yml", BASE_A, null);
    Rule b = detection("b.yml", BASE_B, null);
    RuleSet hidden = new RuleSet(List.of(a, b, correlation("c.yml", CORR, BASE_A, false)));
    assertEquals(false, hidden.reportsOnItsOwn((DetectionRule) a));
    assertEquals(true, hidden.reportsOnItsOwn((DetectionRule) b), "not referenced");
    RuleSet generated = new RuleSet(List.of(a, b, correlation("c.yml", CORR, BASE_A, true)));
    assertEquals(true, generated.reportsOnItsOwn((DetectionRule) a));
  }

  @Test
  void duplicateIdsAndNamesAreRefusedNamingBothPlaces() {
    assertEquals("b.yml:1: rule " + BASE_A + ": id: duplicate id, also used by a.yml:1",
        error(List.of(detection("a.yml", BASE_A, null), detection("b.yml", BASE_A, null))));
    assertEquals("b.yml:1: rule " + BASE_B + ": name: duplicate rule name 'probe'",
        error(List.of(detection("a.yml", BASE_A, "probe"), detection("b.yml", BASE_B, "probe"))));
  }

  @Test
  void aReferenceToASkippedRuleNamesTheSkipNotAnUnknownRule() {
    RuleSkip deprecated = new RuleSkip("b.yml", 1, BASE_B, "status deprecated (skipped by default)");
    UserException e = assertThrows(UserException.class, () -> new RuleSet(
        List.of(detection("a.yml", BASE_A, null), correlation("c.yml", CORR, BASE_B, false)), List.of(deprecated)));
    assertEquals("c.yml:1: rule " + CORR + ": correlation.rules: references rule '" + BASE_B
        + "', which was skipped: b.yml:1 (" + BASE_B + "): status deprecated (skipped by default)", e.getMessage());
  }

  @Test
  void unknownAndChainedReferencesAreRefused() {
    assertEquals("c.yml:1: rule " + CORR + ": correlation.rules: references unknown rule 'nosuch'",
        error(List.of(detection("a.yml", BASE_A, null), correlation("c.yml", CORR, "nosuch", false))));
    String other = "11111111-0000-0000-0000-0000000000dd";
    assertEquals("d.yml:1: rule " + other + ": correlation.rules: references correlation '" + CORR
        + "'; chaining correlations is not supported", error(List.of(detection("a.yml", BASE_A, null),
            correlation("c.yml", CORR, BASE_A, false), correlation("d.yml", other, CORR, false))));
  }

  @Test
  void skippingLeavesOutCorrelationsOnMissingRulesAndLaterDuplicates() {
    Rule a = detection("a.yml", BASE_A, null);
    Rule dup = detection("z.yml", BASE_A, null);
    Rule dangling = correlation("c.yml", CORR, BASE_B, false);
    List<RuleSkip> skipped = new ArrayList<>();
    assertEquals(List.of(a), RuleSet.withoutDanglingCorrelations(List.of(a, dup, dangling), skipped));
    assertEquals(List.of(new RuleSkip("z.yml", 1, BASE_A, "duplicate id, also used by a.yml:1"),
        new RuleSkip("c.yml", 1, CORR, "references rule '" + BASE_B + "', which was not loaded")), skipped);
  }

  @Test
  void theLoadNoticeListsEverySkip() {
    RuleSkip skip = new RuleSkip("x.yml", 3, "r", "status deprecated (skipped by default)");
    assertEquals(List.of("loaded 1 rules, skipped 1", "  skipped x.yml:3 (r): status deprecated (skipped by default)"),
        new RuleSet(List.of(detection("a.yml", BASE_A, null)), List.of(skip)).loadNotice());
    assertEquals("x.yml: unreadable", new RuleSkip("x.yml", 0, null, "unreadable").toString());
  }
}
