package org.apiaudit.detect;

import static org.apiaudit.detect.CaseIndex.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.cli.AnalyzerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code analyzer detect --json} then {@code analyzer evaluate}, in process. */
class DetectAndEvaluateEndToEndTest {
  @Test
  void detectWritesFindingsThatEvaluateScores(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    try (CaseIndex idx = new CaseIndex(index)) {
      DetectionServiceTest.citizens(idx, "2023-06-10", 48);
      long t0 = at("2023-06-10T11:00:00");
      for (int i = 0; i < 60; i++) {
        idx.add(t0 + i * 4_000L, "203.0.113.7", "python-requests/2.31.0", "citizen", "tk-bola", "record-returning",
            CaseIndex.CERT, String.valueOf(48_213_098_765_000L + i), 200);
      }
    }
    Path json = dir.resolve("findings.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("detect", "--index", index.toString(), "--rules", RulePackTest.rulesDir().toString(),
        "--json", json.toString(), "--fail-on", "high");
    assertEquals(3, code, err.toString());
    assertTrue(out.toString().startsWith("Conclusion: direct-api-scraping-evidenced"), out.toString());
    JsonNode f = new ObjectMapper().readTree(json.toFile());
    assertEquals("2", f.get("schemaVersion").asText());
    assertEquals("direct-api-scraping-evidenced", f.get("conclusion").get("verdict").asText());
    assertEquals(1, f.get("incidents").size(), f.get("incidents").toString());
    JsonNode inc = f.get("incidents").get(0);
    assertEquals(60, inc.get("subjectsAffected").asLong(), "every one of the 60 certificates was returned");
    assertEquals(60, f.get("conclusion").get("subjectsAffected").asLong());
    assertEquals("2023-06-10T05:30:00Z", inc.at("/windows/0/start").asText());
    assertEquals("2023-06-10T05:33:56Z", inc.at("/windows/0/end").asText());

    Path labels = dir.resolve("labels.json");
    Files.writeString(labels, "{\"actors\":[{\"kind\":\"principal\",\"value\":\"tk-bola\",\"class\":\"scraping\","
        + "\"scenario\":\"bola\"},{\"kind\":\"ip\",\"value\":\"100.64.0.1\",\"class\":\"benign\",\"scenario\":\"nat\"}]}");
    StringWriter evalOut = new StringWriter();
    CommandLine ev = AnalyzerCommand.newCommandLine();
    ev.setOut(new PrintWriter(evalOut));
    ev.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, ev.execute("evaluate", "--labels", labels.toString(), json.toString()));
    assertEquals(String.join("\n",
        "class                    tp   pred   true precision  recall",
        "no-sign                   1      1      1     1.000   1.000",
        "scraping                  1      1      1     1.000   1.000",
        "2 labelled actor(s); benign actors judged an incident: 0", ""), evalOut.toString());
  }
}
