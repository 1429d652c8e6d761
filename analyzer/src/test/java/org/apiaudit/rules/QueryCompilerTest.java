package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.ingest.UrlFields;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sigma matching semantics on a three-event index. */
class QueryCompilerTest {
  @TempDir static Path dir;

  @BeforeAll
  static void index() throws IOException {
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      EventDocumentBuilder b = new EventDocumentBuilder();
      String[][] rows = {{"1", "10.0.0.1", "Python-Requests/2.31", "/api/v2/a", "id=1", "200"},
          {"2", "10.0.1.9", "curl/8.0", "/API/v2/B", "q=UNION SELECT", "404"},
          {"3", "192.168.1.1", "Mozilla/5.0", "/static/x.js", "", "500"}};
      for (String[] r : rows) {
        Event e = new Event().set(Field.TIMESTAMP, Long.parseLong(r[0])).set(Field.SOURCE_IP, r[1])
            .set(Field.USER_AGENT, r[2]).set(Field.URL_PATH, r[3]).set(Field.URL_QUERY, r[4])
            .set(Field.STATUS, Long.parseLong(r[5]));
        UrlFields.derive(e);
        w.addDocument(b.build(e));
      }
      w.commit();
    }
  }

  private static int count(String detection) throws IOException {
    String yaml = "title: T\nid: 11111111-2222-3333-4444-555555555555\nlevel: low\nlogsource:\n    category: webserver\n"
        + "detection:\n" + detection;
    DetectionRule r = (DetectionRule) new RuleLoader().parse("t.yml", yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      return new IndexSearcher(reader).count(new QueryCompiler().compile(r));
    }
  }

  @Test
  void stringMatchingIsCaseInsensitiveByDefault() throws IOException {
    assertEquals(1, count("    s:\n        cs-user-agent|startswith: python-requests\n    condition: s\n"));
    assertEquals(2, count("    s:\n        cs-uri-stem|contains: /api/\n    condition: s\n"));
  }

  @Test
  void casedModifierMatchesCaseExactly() throws IOException {
    assertEquals(1, count("    s:\n        cs-uri-stem|contains|cased: /api/\n    condition: s\n"));
  }

  @Test
  void wildcardsAndPlainValuesMatchWholeValues() throws IOException {
    assertEquals(1, count("    s:\n        cs-user-agent: 'curl/*'\n    condition: s\n"));
    assertEquals(0, count("    s:\n        cs-user-agent: 'curl'\n    condition: s\n"));
  }

  @Test
  void keywordsSearchPathQueryAndUserAgent() throws IOException {
    assertEquals(1, count("    k:\n        - 'union select'\n    condition: k\n"));
    assertEquals(1, count("    k:\n        - '.js'\n    condition: k\n"));
  }

  @Test
  void numericComparisonsCidrAndNot() throws IOException {
    assertEquals(2, count("    s:\n        sc-status|gte: 404\n    condition: s\n"));
    assertEquals(2, count("    s:\n        c-ip|cidr: 10.0.0.0/16\n    condition: s\n"));
    assertEquals(1, count("    s:\n        c-ip|cidr: 10.0.0.0/8\n    f:\n        sc-status: 404\n"
        + "    condition: s and not f\n"));
  }

  @Test
  void allModifierRequiresEveryValue() throws IOException {
    assertEquals(1, count("    s:\n        cs-uri-query|contains|all: [union, select]\n    condition: s\n"));
  }

  @Test
  void regexIsAnUnanchoredSearch() throws IOException {
    assertEquals(1, count("    s:\n        cs-uri-query|re: 'UNION\\s+SELECT'\n    condition: s\n"));
    assertEquals(0, count("    s:\n        cs-uri-query|re: '^SELECT'\n    condition: s\n"));
  }
}
