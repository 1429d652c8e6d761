package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;

/** Configuration errors: every rejected construct names the file:line, the rule id and the YAML key. */
class RuleLoaderTest {
  static final String HEAD = "title: T\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\n"
      + "logsource:\n    category: webserver\n";

  private static List<Rule> parse(String yaml) {
    return new RuleLoader().parse("web/x.yml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(String yaml) {
    return assertThrows(UserException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void rejectsWindashModifierNamingRuleAndKey() {
    assertEquals("web/x.yml:8: rule 11111111-2222-3333-4444-555555555555: detection.selection.cs-uri-query|windash:"
        + " modifier 'windash' is not supported by this analyzer (web access logs carry no command lines or encoded"
        + " payload fields)",
        error(HEAD + "detection:\n    selection:\n        cs-uri-query|windash: '-x'\n    condition: selection\n"));
  }

  @Test
  void rejectsUnknownField() {
    assertEquals("web/x.yml:8: rule 11111111-2222-3333-4444-555555555555: detection.selection.Image: unknown field"
        + " 'Image' (not a Sigma webserver field in field-mapping.yml, nor a schema field or alias)",
        error(HEAD + "detection:\n    selection:\n        Image: x\n    condition: selection\n"));
  }

  @Test
  void rejectsConditionNamingMissingSelection() {
    assertEquals("web/x.yml:9: rule 11111111-2222-3333-4444-555555555555: detection.condition: refers to 'filter',"
        + " which is not a selection of this rule (selections: selection)",
        error(HEAD + "detection:\n    selection:\n        cs-method: GET\n    condition: selection and not filter\n"));
  }

  @Test
  void rejectsDeprecatedAggregation() {
    assertEquals("web/x.yml:9: rule 11111111-2222-3333-4444-555555555555: detection.condition: aggregation expressions"
        + " ('| count() ...') are deprecated in Sigma and not supported; write a correlation rule (type: event_count"
        + " or value_count)",
        error(HEAD + "detection:\n    selection:\n        cs-method: GET\n    condition: selection | count() > 5\n"));
  }

  @Test
  void rejectsUnsupportedLogsource() {
    assertEquals("web/x.yml:4: rule 11111111-2222-3333-4444-555555555555: logsource: unsupported log source"
        + " (category process_creation, product windows); this analyzer reads web access logs: use category webserver"
        + " or product apiaudit",
        error("title: T\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\nlogsource:\n    category: process_creation\n"
            + "    product: windows\ndetection:\n    selection:\n        cs-method: GET\n    condition: selection\n"));
  }

  @Test
  void reportsMalformedYamlWithLine() {
    String msg = error("title: T\nid: [unclosed\n");
    assertEquals("web/x.yml:3: malformed YAML: ", msg.substring(0, "web/x.yml:3: malformed YAML: ".length()));
  }

  @Test
  void rejectsCorrelationWithoutTimespan() {
    assertEquals("web/x.yml:4: rule 11111111-2222-3333-4444-555555555555: correlation.timespan: is missing"
        + " (a sliding window such as 1h)",
        error("title: T\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\ncorrelation:\n    type: event_count\n"
            + "    rules: [a]\n    group-by: [c-ip]\n    condition: {gte: 3}\n"));
  }

  @Test
  void rejectsWindowedSpreadComparingAddressesWithTheWholeWindow() {
    assertEquals("web/x.yml:8: rule 11111111-2222-3333-4444-555555555555: correlation.timespan: cannot be combined"
        + " with max-top-ip-share, which compares each address with the whole window; drop one of them",
        error("title: T\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\ncorrelation:\n"
            + "    type: x-apiaudit/spread\n    rules: [a]\n    group-by: [cs-user-agent]\n    timespan: 1d\n"
            + "    condition: {gte: 20}\n    x-apiaudit: {max-top-ip-share: 0.5}\n"));
  }

  @Test
  void expandsOneOfPatternAgainstSelectionNames() {
    DetectionRule r = (DetectionRule) parse(HEAD + "detection:\n    sel_a:\n        cs-method: GET\n    sel_b:\n"
        + "        cs-method: POST\n    filter:\n        sc-status: 404\n    condition: 1 of sel_* and not filter\n").get(0);
    assertEquals(new Condition.And(List.of(new Condition.Or(List.of(new Condition.Ref("sel_a"), new Condition.Ref("sel_b"))),
        new Condition.Not(new Condition.Ref("filter")))), r.condition());
  }
}
