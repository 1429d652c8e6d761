package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.ingest.UrlFields;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void noLoadedRuleFiresOnOrdinaryTraffic(@TempDir Path tmp) throws IOException {
    String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    String[][] benign = {
        {"GET", "/", null, "200"}, {"GET", "/index.html", null, "200"}, {"POST", "/login", null, "302"},
        {"GET", "/static/app.js", "v=3", "200"}, {"GET", "/api/items", "page=2&sort=name", "200"},
        {"GET", "/favicon.ico", null, "404"}, {"HEAD", "/robots.txt", null, "200"}};
    try (IndexWriter w = EventIndex.openWriter(tmp, 16)) {
      EventDocumentBuilder b = new EventDocumentBuilder();
      long t = 1_686_391_200_000L;
      for (String[] r : benign) {
        Event e = new Event().set(Field.TIMESTAMP, t += 1000).set(Field.SOURCE_IP, "198.51.100.40")
            .set(Field.METHOD, r[0]).set(Field.URL_PATH, r[1]).set(Field.URL_QUERY, r[2])
            .set(Field.STATUS, Long.parseLong(r[3])).set(Field.USER_AGENT, ua)
            .set(Field.REFERRER, "https://shop.example/");
        UrlFields.derive(e);
        w.addDocument(b.build(e));
      }
      w.commit();
    }
    RuleSet rules = new RuleLoader(new LoadPolicy(true, false)).load(BROAD);
    List<String> fired = new ArrayList<>();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(tmp))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (DetectionRule d : rules.detections()) {
        int n = searcher.count(new QueryCompiler().compile(d));
        if (n > 0) {
          fired.add(d.meta().file() + " (" + n + ")");
        }
      }
    }
    assertEquals(List.of(), fired);
  }

  @Test
  void withProxyRulesAllowedTheyLoadOrAreSkippedForAnotherReason() {
    RuleSet rules = new RuleLoader(new LoadPolicy(true, true)).load(BROAD);
    assertEquals(0, rules.skipped().stream().filter(s -> s.reason().contains("category proxy")).count());
    assertTrue(rules.rules().size() >= 100, "loaded: " + rules.rules().size());
  }
}
