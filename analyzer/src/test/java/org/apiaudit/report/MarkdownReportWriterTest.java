package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {
  private final MarkdownReportWriter writer = new MarkdownReportWriter();

  @Test
  void scrapingCaseHasVerdictSectionsAndIdentifiersAsCodeSpans() throws Exception {
    String md = writer.render(ReportFixtures.build(ReportFixtures.scrapingCase()));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/report-scraping.md"), md);
    assertTrue(md.startsWith("**TLP:AMBER+STRICT** · API-access audit · initial incident report\n\n# CoWIN Telegram-bot leak, June 2023\n"));
    assertTrue(md.contains("**DIRECT API SCRAPING EVIDENCED** (confidence 93%)"));
    assertTrue(md.contains("> Direct API scraping and authorised-credential misuse are evidenced (confidence 93%).\n"));
    for (int i = 1; i <= 10; i++) {
      assertTrue(md.contains("\n## " + i + ". "), "section " + i);
    }
    assertTrue(md.contains("### 5.1 principal `tok-7f3a9c` — **scraping** (confidence 95%)"));
    assertTrue(md.contains("| `api-bola-fanout` | Citizen token reads many beneficiaries | high | 4,812 > 6 |"));
    assertTrue(md.contains("- `logs/gw-2023-06-08.log.gz:1733` no closing quote in the request field"));
  }

  @Test
  void everyTableRowHasAsManyCellsAsItsHeader() {
    String md = writer.render(ReportFixtures.build(ReportFixtures.hostileCase()));
    int expected = -1;
    for (String line : md.split("\n")) {
      if (!line.startsWith("|")) {
        expected = -1;
        continue;
      }
      int cells = line.replace("\\|", "").split("\\|", -1).length - 2;
      if (expected < 0) {
        expected = cells;
      }
      assertEquals(expected, cells, "row breaks its table: " + line);
    }
  }

  @Test
  void cleanCaseSaysNoSignAndNamesTheBenignAutomation() {
    String md = writer.render(ReportFixtures.build(ReportFixtures.cleanCase()));
    assertTrue(md.contains("> There is no sign of direct API scraping in these logs (confidence 85%).\n"));
    assertTrue(md.contains("- user agent SlotFinderBot/2.1 (+https\\://example.org/bot): 25,920 requests but no subject"));
    assertTrue(md.contains("No indicator: no incident, or none of its values was the attack's alone."));
    assertFalse(md.contains("## 5. Findings\n\n###"), "no finding in a clean case");
  }

  @Test
  void sparklineScalesToThePeak() {
    assertEquals(" ▄█", MarkdownReportWriter.sparkline(new TimeSeries(0, 3_600_000, new long[] {0, 5, 10})));
  }
}
