package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  private static final long T0 = 1_686_182_400_000L; // 2023-06-08T00:00:00Z

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private void prepare() throws Exception {
    EventDocumentBuilder docs = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(dir.resolve("index"))) {
      for (int i = 0; i < 30; i++) {
        w.addDocument(docs.build(new Event().set(Field.TIMESTAMP, T0 + i * 600_000L).set(Field.SOURCE_IP, "203.0.113.7")
            .set(Field.PRINCIPAL, i % 2 == 0 ? "tok-1" : "tok-2")));
      }
      EventIndex.commit(w, new IndexManifest("1", "kf-1", List.of(new SourceFile("gw.log", 3000, "ab".repeat(32), 31, 30, 1,
          "nginx-combined", T0, T0 + 29 * 600_000L, T0 + 86_400_000L))));
    }
    CaseFindings findings = new CaseFindings(CaseFindings.SCHEMA_VERSION,
        new CaseFindings.Conclusion("direct-api-scraping-evidenced", true, false, 0.9, "tok-1 read 15 records", 15, Map.of(), T0,
            T0 + 28 * 600_000L, List.of(new CaseFindings.Hypothesis("H1", "direct API scraping", "supported", 0.9, "fan-out",
                List.of("principal:tok-1")))),
        new CaseFindings.Coverage(T0, T0 + 29 * 600_000L, 30, 15, Map.of("citizen", 30L), List.of(), List.of(), 1, List.of()),
        List.of(), List.of(new CaseFindings.ActorFinding("principal", "tok-1", List.of(), "scraping", 0.9, List.of(), T0, T0 + 28 * 600_000L,
            15, 15, Map.of("/api/v3/certificate/{ref}", 15L), Map.of("200", 15L), List.of("203.0.113.7"), List.of("curl/8.0"),
            List.of())),
        List.of(), null);
    new ObjectMapper().writeValue(dir.resolve("findings.json").toFile(), findings);
  }

  @Test
  void writesTheReportAndPrintsThePaths() throws Exception {
    prepare();
    int code = run("report", "--index", dir.resolve("index").toString(), "--findings", dir.resolve("findings.json").toString(),
        "--out", dir.resolve("out").toString(), "--case-name", "Test case", "--classification", "TLP:AMBER");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("(Direct API scraping evidenced)"), out.toString());
    assertTrue(out.toString().contains("  wrote " + dir.resolve("out").resolve("manifest.json")), out.toString());
    String html = Files.readString(dir.resolve("out/report.html"));
    assertTrue(html.contains("<span class=\"tlp tlp-amber\">TLP:AMBER</span>"));
    assertTrue(html.contains("<h1>Test case</h1>"));
    assertTrue(html.contains("<code>analyzer report --index " + dir.resolve("index")), "command line as typed");
    assertTrue(html.contains("--case-name &#39;Test case&#39;"), "command line quoted for re-running");
    String json = Files.readString(dir.resolve("out/report.json"));
    assertTrue(json.contains("\"counts\" : [ 6, 6, 6, 6, 6 ]"), "hourly chart counted from the index: " + json.substring(0, 200));
  }

  @Test
  void refusesAnExistingReportWithoutForce() throws Exception {
    prepare();
    String[] args = {"report", "--index", dir.resolve("index").toString(), "--findings", dir.resolve("findings.json").toString(),
        "--out", dir.resolve("out").toString()};
    assertEquals(0, run(args));
    assertEquals(2, run(args));
    assertTrue(err.toString().startsWith("analyzer: report folder " + dir.resolve("out") + " already holds a report"), err.toString());
    String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
    forced[args.length] = "--force";
    assertEquals(0, run(forced));
  }

  @Test
  void missingFindingsIsAUserError() throws Exception {
    prepare();
    assertEquals(2, run("report", "--index", dir.resolve("index").toString(), "--findings", dir.resolve("nope.json").toString(),
        "--out", dir.resolve("out").toString()));
    assertEquals("analyzer: findings file " + dir.resolve("nope.json") + " does not exist (run 'analyzer detect' first)\n",
        err.toString().replace("\r\n", "\n"));
  }

  @Test
  void badClassificationIsAUserError() throws Exception {
    prepare();
    assertEquals(2, run("report", "--index", dir.resolve("index").toString(), "--findings", dir.resolve("findings.json").toString(),
        "--out", dir.resolve("out").toString(), "--classification", "TLP:PURPLE"));
    assertTrue(err.toString().contains("classification must be one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or"
        + " TLP:RED; got: TLP:PURPLE"), err.toString());
  }
}
