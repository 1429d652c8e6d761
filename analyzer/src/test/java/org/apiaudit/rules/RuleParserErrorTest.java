package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of malformed detection rule is refused with one line naming the file:line of the
 * offending key, the rule id and the YAML key (the message {@code rules lint} prints).
 */
class RuleParserErrorTest {
  private static final String ID = "11111111-2222-3333-4444-555555555555";
  private static final String AT = "web/x.yml:";
  private static final String RULE = ": rule " + ID + ": ";

  private static String error(String yaml) {
    return assertThrows(UserException.class,
        () -> new RuleLoader().parse("web/x.yml", yaml.getBytes(StandardCharsets.UTF_8))).getMessage();
  }

  /** The shared head, then a detection whose one selection holds {@code entry} on line 8. */
  private static String withEntry(String entry) {
    return RuleLoaderTest.HEAD + "detection:\n    selection:\n        " + entry + "\n    condition: selection\n";
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefusedAtItsFirstLine() {
    assertEquals(AT + "1: a rule must be a YAML mapping", error("- a\n- b\n"));
  }

  @Test
  void aMissingIdIsNamedWithoutARuleId() {
    assertEquals(AT + "1: rule (no id): id: is missing (every rule needs a UUID id)", error("title: T\nlevel: low\n"));
  }

  @Test
  void anIdThatIsNoUuidIsRefusedAtItsLine() {
    assertEquals(AT + "2: rule abc: id: must be a UUID; got: abc", error("title: T\nid: abc\nlevel: low\n"));
  }

  @Test
  void aMissingTitleIsRefused() {
    assertEquals(AT + "1" + RULE + "title: is missing", error("id: " + ID + "\nlevel: low\n"));
  }

  @Test
  void aMissingOrUnknownLevelIsRefusedNamingTheLevels() {
    assertEquals(AT + "1" + RULE + "level: is missing (one of [informational, low, medium, high, critical])",
        error("title: T\nid: " + ID + "\n"));
    assertEquals(AT + "3" + RULE + "level: must be one of [informational, low, medium, high, critical]; got: severe",
        error("title: T\nid: " + ID + "\nlevel: severe\n"));
  }

  @Test
  void aListWhereOneValueBelongsIsRefusedAtItsKey() {
    assertEquals(AT + "4" + RULE + "status: must be a single value",
        error("title: T\nid: " + ID + "\nlevel: low\nstatus: [test, stable]\n"));
  }

  @Test
  void tagsMustBeAListOfStrings() {
    assertEquals(AT + "4" + RULE + "tags: must be a list", error("title: T\nid: " + ID + "\nlevel: low\ntags: {a: b}\n"));
    assertEquals(AT + "5" + RULE + "tags: list items must be strings",
        error("title: T\nid: " + ID + "\nlevel: low\ntags:\n    - [a]\n"));
  }

  @Test
  void aMissingLogsourceOrDetectionIsRefused() {
    assertEquals(AT + "1" + RULE + "logsource: is missing or not a mapping", error("title: T\nid: " + ID + "\nlevel: low\n"));
    assertEquals(AT + "1" + RULE + "detection: is missing or not a mapping", error(RuleLoaderTest.HEAD));
  }

  @Test
  void proxyRulesAreRefusedUnlessAllowedAndThenLoad() {
    String proxy = "title: T\nid: " + ID + "\nlevel: low\nlogsource:\n    category: proxy\ndetection:\n    s:\n"
        + "        c-useragent: x\n    condition: s\n";
    assertEquals(AT + "4" + RULE + "logsource: category proxy is refused: proxy rules describe outbound client traffic"
        + " seen by a forward proxy, and on an inbound gateway or web server log they flag ordinary clients;"
        + " give --allow-proxy-rules to run them anyway", error(proxy));
    Rule r = new RuleLoader(new LoadPolicy(false, true)).parse("web/x.yml", proxy.getBytes(StandardCharsets.UTF_8)).get(0);
    assertEquals(ID, r.id());
  }

  @Test
  void aDetectionTimeframeIsRefusedPointingAtCorrelations() {
    assertEquals(AT + "9" + RULE + "detection.timeframe: is deprecated and not supported; write a correlation rule with"
        + " timespan", error(RuleLoaderTest.HEAD + "detection:\n    s:\n        cs-method: GET\n    timeframe: 5m\n"
        + "    condition: s\n"));
  }

  @Test
  void aMissingConditionIsRefused() {
    assertEquals(AT + "1" + RULE + "detection.condition: is missing",
        error(RuleLoaderTest.HEAD + "detection:\n    s:\n        cs-method: GET\n"));
  }

  @Test
  void emptySelectionsAreRefused() {
    assertEquals(AT + "7" + RULE + "detection.selection: is empty",
        error(RuleLoaderTest.HEAD + "detection:\n    selection: []\n    condition: selection\n"));
    assertEquals(AT + "7" + RULE + "detection.selection: is an empty map",
        error(RuleLoaderTest.HEAD + "detection:\n    selection: {}\n    condition: selection\n"));
    assertEquals(AT + "8" + RULE + "detection.selection.cs-method: has an empty value list", error(withEntry("cs-method: []")));
  }

  @Test
  void aListMixingKeywordsAndMapsIsRefused() {
    assertEquals(AT + "7" + RULE + "detection.selection: mixes keyword strings and maps in one list",
        error(RuleLoaderTest.HEAD + "detection:\n    selection:\n        - union\n        - cs-method: GET\n"
            + "    condition: selection\n"));
    assertEquals(AT + "8" + RULE + "detection.selection: list items must be maps or keyword strings",
        error(RuleLoaderTest.HEAD + "detection:\n    selection:\n        - [a, b]\n    condition: selection\n"));
  }

  @Test
  void valuesMustBeScalars() {
    assertEquals(AT + "9" + RULE + "detection.selection.cs-method: values must be scalars",
        error(withEntry("cs-method:\n            - [GET]")));
    assertEquals(AT + "8" + RULE + "detection.selection.cs-method: value must be a scalar or a list of scalars",
        error(withEntry("cs-method: {a: b}")));
  }

  @Test
  void anUnknownModifierIsRefusedAndAnUpperCaseOneGetsItsSpelling() {
    assertEquals(AT + "8" + RULE + "detection.selection.cs-uri-query|foo: unknown modifier 'foo'",
        error(withEntry("cs-uri-query|foo: x")));
    assertEquals(AT + "8" + RULE + "detection.selection.cs-uri-query|Contains: modifiers are lower case: write"
        + " 'contains', not 'Contains'", error(withEntry("cs-uri-query|Contains: x")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"windash", "base64", "utf16le", "utf16be", "utf16", "wide", "expand"})
  void encodingModifiersAreRefusedNotIgnored(String modifier) {
    assertEquals(AT + "8" + RULE + "detection.selection.cs-uri-query|" + modifier + ": modifier '" + modifier
        + "' is not supported by this analyzer (web access logs carry no command lines or encoded payload fields)",
        error(withEntry("cs-uri-query|" + modifier + ": x")));
  }

  @Test
  void regexFlagsFollowReOnly() {
    assertEquals(AT + "8" + RULE + "detection.selection.cs-uri-query|i: 'i' is a sub-modifier of re only (|re|i);"
        + " other matching is case-insensitive unless |cased", error(withEntry("cs-uri-query|i: x")));
  }

  @Test
  void base64offsetNeedsContains() {
    assertEquals(AT + "8" + RULE + "detection.selection.cs-uri-query|base64offset: base64offset needs contains"
        + " (base64offset|contains): the encoded value sits inside a longer encoded string",
        error(withEntry("cs-uri-query|base64offset: x")));
  }

  @Test
  void oneTimeModifierPerField() {
    assertEquals(AT + "8" + RULE + "detection.selection.@timestamp|hour|minute: one time modifier per field (minute,"
        + " hour, day, week, month or year)", error(withEntry("'@timestamp|hour|minute': 3")));
  }

  @Test
  void fieldrefMustNameAKnownField() {
    assertEquals(AT + "8" + RULE + "detection.selection.cs-method|fieldref: fieldref names unknown field 'nosuch'",
        error(withEntry("cs-method|fieldref: nosuch")));
  }

  @Test
  void aDuplicateKeyIsRefusedInsteadOfTheLaterOneWinning() {
    assertEquals(AT + "9: duplicate key 'cs-method' (first on line 8)",
        error(withEntry("cs-method: GET\n        cs-method: POST")));
    assertEquals(AT + "4: duplicate key 'title' (first on line 1)", error("title: T\nid: " + ID + "\nlevel: low\ntitle: U\n"));
  }
}
