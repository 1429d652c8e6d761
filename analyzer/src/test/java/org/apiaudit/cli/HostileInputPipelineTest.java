package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacker-chosen user agents travel the whole pipeline (ingest, detect, report) and come out
 * inert: escaped in HTML and Markdown, neutralised in CSV.
 */
class HostileInputPipelineTest {
  private static final String SCRIPT_UA = "<script>alert(1)</script>";
  private static final String FORMULA_UA = "=HYPERLINK(\"http://evil.example/x\",\"click\")";

  @TempDir Path tmp;

  /** A token reading 60 certificates that are not its family's, from one IP with the given user agent. */
  private static List<String> scraper(String ip, String token, String ua, int hourIst) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String ref = String.valueOf(48213098700000L + i * 7L);
      lines.add(String.format("%s - - [10/Jun/2023:%02d:%02d:%02d +0530] \"GET /api/v2/registration/certificate/public/"
              + "download?beneficiary_reference_id=%s HTTP/1.1\" 200 48213 \"-\" \"%s\" 0.087 \"-\" %012x citizen %s %s",
          ip, hourIst, i / 2, (i * 29) % 60, ref, ua.replace("\"", "\\\""), 0xabc000 + i + hourIst * 100,
          token, ref));
    }
    return lines;
  }

  @Test
  void hostileUserAgentsAreInertInEveryRendering() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("case"));
    List<String> lines = new ArrayList<>(scraper("198.51.100.66", "tk-hostile1", SCRIPT_UA, 10));
    lines.addAll(scraper("203.0.113.99", "tk-hostile2", FORMULA_UA, 11));
    Files.write(logs.resolve("gateway-2023-06-10.log"), lines);
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("investigate", logs.toString(), "--out", out.toString(), "--rules",
        Path.of(System.getProperty("project.root", "..")).resolve("rules").toString());
    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("tk-hostile1") && run.out().contains("tk-hostile2"),
        "both scrapers are flagged:\n" + run.out());

    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script user agent is shown, escaped");
    assertFalse(html.contains(SCRIPT_UA), "no live script tag");
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script element at all");

    String md = Files.readString(out.resolve("report.md"));
    assertFalse(md.contains(SCRIPT_UA), "Markdown must not carry a raw HTML tag");
    assertTrue(md.contains("alert(1)"), "the user agent is still readable in Markdown");

    String csv = Files.readString(out.resolve("indicators.csv"));
    assertTrue(csv.contains("'=HYPERLINK"), "the formula is neutralised:\n" + csv);
    for (String line : csv.split("\r?\n")) {
      for (String cell : line.split(",")) {
        String c = cell.startsWith("\"") ? cell.substring(1) : cell;
        assertFalse(c.startsWith("=") || c.startsWith("+") || c.startsWith("@"), "live formula cell: " + cell);
      }
    }
  }
}
