package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.rules.DetectionRule;
import org.apiaudit.rules.LoadPolicy;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.rules.testing.RuleTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every SigmaHQ web rule the analyzer loads (rules/web plus the emerging-threats and
 * threat-hunting web rules, test resources, DRL; proxy rules allowed so that they are checked
 * too) is held to an independent reading of Sigma: requests crafted from each rule's own
 * detection ({@link SigmaEventCrafter}: positives with every value, near misses) are indexed
 * together, the real detection engine runs every rule over all of them, and for every rule and
 * every request it must fire exactly when {@link SigmaReference} says the rule matches. Each rule
 * must also fire on a crafted positive and stay silent on a crafted negative of its own.
 */
class SigmaHqRegressionTest {
  @TempDir Path tmp;

  @Test
  void everyLoadedSigmaHqRuleFiresExactlyWhenTheReferenceSaysItMatches() throws IOException {
    Path broad = Path.of("src/test/resources/sigmahq-web-broad");
    RuleSet rules = new RuleLoader(new LoadPolicy(true, true)).load(broad);
    SigmaEventCrafter crafter = new SigmaEventCrafter();
    Map<String, SigmaReference.Rule> readings = new TreeMap<>();
    List<SigmaEventCrafter.Crafted> crafted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (DetectionRule d : rules.detections()) {
      try {
        SigmaReference.Rule r = SigmaReference.read(document(broad.resolve(d.meta().file()), d.id()));
        readings.put(d.id(), r);
        crafted.addAll(crafter.craft(r));
      } catch (RuntimeException e) {
        problems.add(d.meta().file() + ": the test cannot read or craft this rule: " + e.getMessage());
      }
    }
    List<Map<String, Object>> specs = new ArrayList<>();
    Map<String, Integer> byIp = new HashMap<>();
    for (int i = 0; i < crafted.size(); i++) {
      WebRequest w = crafted.get(i).request();
      specs.add(Map.of("fields", w.fields()));
      byIp.put(w.ip(), i);
    }
    Path index = tmp.resolve("index");
    new RuleTester().writeEvents(index, specs, "crafted", "sigmahq regression");
    Map<String, Set<Integer>> fired = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      for (GroupHit h : new DetectionEngine(rules).run(reader, TimeWindow.ALL).hits()) {
        fired.computeIfAbsent(h.rule().id(), k -> new HashSet<>()).add(byIp.get(h.values().get(0)));
      }
    }
    List<String> deviations = new ArrayList<>();
    StringBuilder perRule = new StringBuilder();
    for (DetectionRule d : rules.detections()) {
      SigmaReference.Rule r = readings.get(d.id());
      if (r == null) {
        continue;
      }
      Set<Integer> engine = fired.getOrDefault(d.id(), Set.of());
      int positives = 0;
      int firedOnPositive = 0;
      int silentOnNegative = 0;
      for (int i = 0; i < crafted.size(); i++) {
        SigmaEventCrafter.Crafted c = crafted.get(i);
        boolean want = SigmaReference.matches(r, c.request());
        boolean got = engine.contains(i);
        if (want != got) {
          deviations.add(d.meta().file() + ": " + (got ? "fired" : "silent") + " but the reference says "
              + (want ? "match" : "no match") + " on [" + c.kind() + " of " + c.ruleId() + "] " + c.request());
        }
        if (!c.ruleId().equals(d.id())) {
          continue;
        }
        if (c.kind().equals("positive")) {
          positives++;
          if (!want) {
            problems.add(d.meta().file() + ": crafted positive the reference rejects: " + c.request());
          } else if (got) {
            firedOnPositive++;
          }
        } else if (!want && !got) {
          silentOnNegative++;
        }
      }
      perRule.append(String.format("%-100s positives %3d fired %3d, negatives silent %3d%n", d.meta().file(),
          positives, firedOnPositive, silentOnNegative));
      if (firedOnPositive == 0) {
        problems.add(d.meta().file() + ": fires on none of its crafted positives");
      }
      if (silentOnNegative == 0) {
        problems.add(d.meta().file() + ": no crafted negative it is silent on");
      }
    }
    System.out.print(perRule);
    System.out.println("SigmaHQ regression: " + readings.size() + " rules, " + crafted.size() + " crafted requests, "
        + deviations.size() + " deviations");
    assertEquals("", String.join("\n", deviations.subList(0, Math.min(60, deviations.size()))),
        deviations.size() + " deviations");
    assertEquals("", String.join("\n", problems));
    assertEquals(rules.detections().size(), readings.size());
    assertTrue(readings.size() >= 100, "rules checked: " + readings.size());
  }

  /** The YAML document of {@code file} whose id is {@code id}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> document(Path file, String id) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromInputStream(in)) {
        if (doc instanceof Map<?, ?> m && id.equals(String.valueOf(m.get("id")))) {
          return (Map<String, Object>) m;
        }
      }
    }
    throw new IllegalStateException(file + " has no document with id " + id);
  }
}
