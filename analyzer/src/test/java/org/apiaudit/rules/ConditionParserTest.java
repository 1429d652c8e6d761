package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;

/** Sigma conditions: precedence (not, and, or), parentheses, and the {@code x of} selectors. */
class ConditionParserTest {
  private static final List<String> NAMES = List.of("sel_a", "sel_b", "filter", "_helper");
  private static final RuleLocation LOC = new RuleLocation("x.yml", 9, "r1");

  private static Condition parse(String text) {
    return ConditionParser.parse(text, NAMES, LOC);
  }

  private static String error(String text) {
    return assertThrows(UserException.class, () -> parse(text)).getMessage();
  }

  private static Condition ref(String name) {
    return new Condition.Ref(name);
  }

  private static Condition and(Condition... terms) {
    return new Condition.And(List.of(terms));
  }

  private static Condition or(Condition... terms) {
    return new Condition.Or(List.of(terms));
  }

  private static Condition not(Condition term) {
    return new Condition.Not(term);
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    assertEquals(or(and(not(ref("sel_a")), ref("sel_b")), ref("filter")), parse("not sel_a and sel_b or filter"));
    assertEquals(or(ref("sel_a"), and(ref("sel_b"), not(ref("filter")))), parse("sel_a or sel_b and not filter"));
  }

  @Test
  void parenthesesGroupAndNotAppliesToTheGroup() {
    assertEquals(and(or(ref("sel_a"), ref("sel_b")), ref("filter")), parse("(sel_a or sel_b) and filter"));
    assertEquals(not(or(ref("sel_a"), ref("sel_b"))), parse("not(sel_a or sel_b)"));
    assertEquals(not(not(ref("sel_a"))), parse("not not sel_a"));
  }

  @Test
  void operatorsAreCaseInsensitiveButSelectionNamesAreNot() {
    assertEquals(and(ref("sel_a"), not(ref("filter"))), parse("sel_a AND NOT filter"));
    assertEquals("x.yml:9: rule r1: detection.condition: refers to 'Sel_a', which is not a selection of this rule"
        + " (selections: sel_a, sel_b, filter, _helper)", error("Sel_a"));
  }

  @Test
  void oneOfAndAllOfThemLeaveOutUnderscoreSelections() {
    assertEquals(or(ref("sel_a"), ref("sel_b"), ref("filter")), parse("1 of them"));
    assertEquals(and(ref("sel_a"), ref("sel_b"), ref("filter")), parse("all of them"));
    assertEquals(or(ref("sel_a"), ref("sel_b"), ref("filter")), parse("any of them"));
  }

  @Test
  void ofPatternsExpandAgainstSelectionNames() {
    assertEquals(and(or(ref("sel_a"), ref("sel_b")), not(ref("filter"))), parse("1 of sel_* and not 1 of filter*"));
    assertEquals(and(ref("sel_a"), ref("sel_b")), parse("all of sel_*"));
    assertEquals(ref("filter"), parse("all of filt*"), "one match is the selection itself");
    assertEquals(ref("_helper"), parse("1 of _help*"), "a pattern naming underscores explicitly still finds them");
  }

  @Test
  void patternCharactersOtherThanStarAreLiteral() {
    List<String> names = List.of("sel.a1", "selXa2");
    assertEquals(ref("sel.a1"), ConditionParser.parse("1 of sel.a*", names, LOC));
  }

  @Test
  void ofSelectorsWithoutAMatchOrPatternAreRefused() {
    assertEquals("x.yml:9: rule r1: detection.condition: 'keywords*' matches no selection of this rule",
        error("1 of keywords*"));
    assertEquals("x.yml:9: rule r1: detection.condition: 'all of' needs a name pattern or 'them'", error("all of"));
    assertEquals("x.yml:9: rule r1: detection.condition: '1 of' needs a name pattern or 'them'", error("1 of (sel_a)"));
  }

  @Test
  void malformedExpressionsAreNamed() {
    assertEquals("x.yml:9: rule r1: detection.condition: is empty", error("  "));
    assertEquals("x.yml:9: rule r1: detection.condition: missing ')'", error("(sel_a or sel_b"));
    assertEquals("x.yml:9: rule r1: detection.condition: ends unexpectedly", error("sel_a and"));
    assertEquals("x.yml:9: rule r1: detection.condition: unexpected 'and'", error("and sel_a"));
    assertEquals("x.yml:9: rule r1: detection.condition: unexpected ')'", error("sel_a and )"));
    assertEquals("x.yml:9: rule r1: detection.condition: unexpected 'sel_b' in: sel_a sel_b", error("sel_a sel_b"));
  }

  @Test
  void aListOfConditionsMeansAnyOfThem() {
    DetectionRule r = (DetectionRule) new RuleLoader().parse("x.yml", (RuleLoaderTest.HEAD + "detection:\n"
        + "    a:\n        cs-method: GET\n    b:\n        cs-method: PUT\n    condition:\n        - a\n        - not b\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);
    assertEquals(or(ref("a"), not(ref("b"))), r.condition());
    assertEquals("a or not b", r.conditionText());
  }
}
