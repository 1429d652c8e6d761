package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.UserException;
import org.apiaudit.rules.DetectionRule;
import org.apiaudit.rules.QueryCompiler;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.testing.RuleTester;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The probe matrix: every modifier and condition form matches exactly the events it should
 * (test resources {@code probes/}), and every construct outside what we run exactly is refused
 * with file:line and the construct named, at load or compile time, never at run time.
 */
class ProbeMatrixTest {
  static final Path PROBES = Path.of("src/test/resources/probes");

  @Test
  @SuppressWarnings("unchecked")
  void everyModifierAndConditionProbeMatchesExactlyItsEvents(@TempDir Path tmp) throws IOException {
    Map<String, Object> spec;
    try (InputStream in = Files.newInputStream(PROBES.resolve("modifiers.expect.yml"))) {
      spec = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
    }
    new RuleTester().writeEvents(tmp, (List<Map<String, Object>>) spec.get("events"), "modifiers.expect.yml", "probes");
    Map<String, List<String>> expect = (Map<String, List<String>>) spec.get("expect");
    List<Rule> probes = new RuleLoader().loadFile(PROBES, PROBES.resolve("modifiers.yml"));
    assertEquals(expect.keySet(), probes.stream().map(Rule::id).collect(Collectors.toSet()));
    List<String> failures = new ArrayList<>();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(tmp))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (Rule r : probes) {
        Set<String> matched = new TreeSet<>();
        for (ScoreDoc d : searcher.search(new QueryCompiler().compile((DetectionRule) r), 10).scoreDocs) {
          NumericDocValues line = MultiDocValues.getNumericValues(reader, Field.LOG_LINE.fieldName());
          line.advanceExact(d.doc);
          matched.add("e" + line.longValue());
        }
        Set<String> wanted = new TreeSet<>(expect.get(r.id()));
        if (!matched.equals(wanted)) {
          failures.add(r.meta().title() + ": matched " + matched + ", expected " + wanted);
        }
      }
    }
    assertEquals("", String.join("\n", failures));
    assertTrue(probes.size() >= 50, "probes: " + probes.size());
  }

  @Test
  void everyCorrelationProbeFiresExactlyAsItsExamplesSay() {
    Path dir = PROBES.resolve("correlations");
    List<RuleTester.CaseResult> results = new RuleTester().run(dir, new RuleLoader().load(dir));
    String failures = results.stream().filter(r -> !r.passed())
        .map(r -> r.file() + " '" + r.name() + "': " + r.detail()).collect(Collectors.joining("\n"));
    assertEquals("", failures);
    assertTrue(results.size() >= 10, "cases run: " + results.size());
  }

  private static List<Rule> load(String detection) {
    String yaml = "title: T\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\nlogsource:\n    category: webserver\n"
        + "detection:\n    s:\n" + detection + "    condition: s\n";
    List<Rule> rules = new RuleLoader().parse("probe.yml", yaml.getBytes(StandardCharsets.UTF_8));
    for (Rule r : rules) {
      new QueryCompiler().compile((DetectionRule) r);
    }
    return rules;
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "        cs-uri|re: '(?:a|b)c'                 ; non-capturing group",
      "        cs-uri|re: 'a(?=b)'                   ; lookahead (?=",
      "        cs-uri|re: 'a(?!b)'                   ; lookahead (?!",
      "        cs-uri|re: '(?<=a)b'                  ; lookbehind (?<=",
      "        cs-uri|re: '(?<!a)b'                  ; lookbehind (?<!",
      "        cs-uri|re: '(a)\\1'                   ; back-reference \\1",
      "        cs-uri|re: 'a^b'                      ; inner ^ anchor",
      "        cs-uri|re: 'a$b'                      ; inner $ anchor",
      "        cs-uri|re: '\\bword'                  ; word boundary \\b",
      "        cs-uri|re: '^a|b$'                    ; top-level alternation",
      "        cs-uri|re: 'a(?m)b'                   ; inline flag",
      "        cs-uri|contains|i: admin              ; 'i' is a sub-modifier of re only",
      "        cs-uri|contains|s: admin              ; 's' is a sub-modifier of re only",
      "        cs-uri|CONTAINS: admin                ; modifiers are lower case",
      "        cs-uri|windash: admin                 ; modifier 'windash' is not supported",
      "        cs-uri|base64offset: admin            ; base64offset needs contains",
      "        cs-uri|hour: 3                        ; time modifiers apply to timestamps",
      "        '@timestamp|hour|minute': 3           ; one time modifier per field",
      "        cs-uri|fieldref: no-such-field        ; fieldref names unknown field",
      "        cs-uri|fieldref: cs-user-agent        ; has none",
      "        cs-uri|nosuchmodifier: x              ; unknown modifier 'nosuchmodifier'",
  })
  void constructsOutsideWhatWeRunAreRefusedWithFileLineAndTheConstruct(String detection, String expected) {
    UserException e = assertThrows(UserException.class, () -> load(detection.strip().isEmpty() ? "" : "        "
        + detection.strip() + "\n"));
    assertTrue(e.getMessage().startsWith("probe.yml:8: rule 11111111-2222-3333-4444-555555555555: detection."),
        e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
