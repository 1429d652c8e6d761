package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flagged actor whose user agents are {@code <script>alert(1)</script>} and
 * {@code =HYPERLINK("http://x")}, with an evidence line carrying {@code "><img src=x onerror=...>}:
 * every rendering must keep them inert.
 */
class HostileInputTest {
  private final Report report = ReportFixtures.build(ReportFixtures.hostileCase());

  @Test
  void htmlEscapesScriptImageAndFormula() {
    String html = new HtmlReportWriter().render(report);
    assertFalse(html.contains(ReportFixtures.UA_SCRIPT));
    assertFalse(html.contains("<img"));
    assertTrue(html.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"));
    assertTrue(html.contains("<code>=HYPERLINK(&quot;http://x&quot;)</code>"));
    assertTrue(html.contains("GET /api/v3/certificate/&quot;&gt;&lt;img src=x onerror=alert(1)&gt; HTTP/1.1"));
  }

  @Test
  void markdownHasNoRawTagNoLinkAndNoBrokenTable() {
    String md = new MarkdownReportWriter().render(report);
    assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)<(script|img|/script)").matcher(md).find(), "unescaped tag");
    assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)\\]\\(").matcher(md).find(), "live link");
    assertTrue(md.contains("\\<script>alert(1)\\</script>"));
    assertTrue(md.contains("\\=HYPERLINK(\"http\\://x\")"));
    assertTrue(md.contains("GET /api/v3/certificate/\"\\>\\<img src=x onerror=alert(1)> HTTP/1.1")
        || md.contains("GET /api/v3/certificate/\">\\<img src=x onerror=alert(1)> HTTP/1.1"), "evidence line escaped");
    assertTrue(md.contains("/x\\|y\\`z\\[a\\](http\\://evil)"), "endpoint with pipe, backtick and link escaped");
  }

  @Test
  void csvNeutralisesTheFormula() {
    String csv = new IndicatorsCsvWriter().render(report);
    assertTrue(csv.contains("\r\nuser-agent,\"'=HYPERLINK(\"\"http://x\"\")\",scraping,"), csv);
    assertTrue(csv.contains("\r\nuser-agent,<script>alert(1)</script>,scraping,"), "script is plain text in CSV");
    for (String row : csv.split("\r\n")) {
      for (String start : List.of(",=", ",+", ",-", ",@")) {
        assertFalse(row.contains(start), "unneutralised cell in " + row);
      }
    }
  }

  @Test
  void stixKeepsHostileValuesAsValidJsonStrings() throws Exception {
    JsonNode bundle = new ObjectMapper().readTree(new StixBundleWriter().render(report));
    List<String> patterns = new ArrayList<>();
    bundle.get("objects").forEach(o -> {
      if (o.has("pattern")) {
        patterns.add(o.get("pattern").asText());
      }
    });
    assertTrue(patterns.contains(
        "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = '=HYPERLINK(\"http://x\")']"));
    patterns.forEach(p -> assertTrue(StixBundleWriterTest.balanced(p), p));
  }

  @Test
  void jsonRoundTripsHostileValuesExactly() throws Exception {
    JsonNode root = new ObjectMapper().readTree(new JsonReportWriter().render(report));
    assertEquals(ReportFixtures.UA_SCRIPT, root.at("/findings/0/finding/value").asText());
    assertEquals(ReportFixtures.LINE_INJECTION, root.at("/findings/0/finding/evidence/0/maskedLine").asText());
  }
}
