package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SigmaHQ's web rules beyond the shipped ones (test resources, DRL): run as another person's
 * rule pack with {@code --skip-unsupported}, every file either loads (and compiles) or is
 * skipped with a named reason, nothing fails the run, and proxy rules are refused by default.
 */
class SigmaHqBroadSetTest {
  static final Path BROAD = Path.of("src/test/resources/sigmahq-web-broad");

  @Test
  void everyFileLoadsOrIsSkippedWithANamedReason() {
    RuleSet rules = new RuleLoader(new LoadPolicy(true, false)).load(BROAD);
    Set<String> files = RuleLoader.ruleFiles(BROAD).stream()
        .map(p -> BROAD.relativize(p).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(145, files.size());
    Set<String> accounted = new TreeSet<>();
    rules.rules().forEach(r -> accounted.add(r.meta().file()));
    List<String> unnamed = new ArrayList<>();
    for (RuleSkip s : rules.skipped()) {
      accounted.add(s.file());
      if (s.reason() == null || s.reason().isBlank()) {
        unnamed.add(s.toString());
      }
    }
    assertEquals(files, accounted);
    assertEquals(List.of(), unnamed);
    // every loaded detection rule compiles (the loader compiled it under skip-unsupported)
    Map<String, Long> reasons = new TreeMap<>();
    for (RuleSkip s : rules.skipped()) {
      reasons.merge(s.reason().replaceAll("'[^']*'", "'…'").replaceAll("\\(.*", "").trim(), 1L, Long::sum);
    }
    System.out.println("SigmaHQ web rules: loaded " + rules.rules().size() + ", skipped " + rules.skipped().size()
        + " " + reasons);
    long proxy = rules.skipped().stream().filter(s -> s.reason().contains("category proxy is refused")).count();
    assertEquals(56, proxy, "every category: proxy rule is refused by default");
    assertTrue(rules.rules().size() >= 80, "loaded: " + rules.rules().size());
  }

  @Test
  void withProxyRulesAllowedTheyLoadOrAreSkippedForAnotherReason() {
    RuleSet rules = new RuleLoader(new LoadPolicy(true, true)).load(BROAD);
    assertEquals(0, rules.skipped().stream().filter(s -> s.reason().contains("category proxy")).count());
    assertTrue(rules.rules().size() >= 100, "loaded: " + rules.rules().size());
  }
}
