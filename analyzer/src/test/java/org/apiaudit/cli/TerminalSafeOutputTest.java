package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A principal and a user agent carrying a terminal title sequence (ESC ] 0; … BEL), a
 * right-to-left override, NUL and CR/LF go through ingest and come out of every printed table
 * and CSV as visible escapes ({@code \x1b}, {@code \u202e}), never as raw characters.
 */
class TerminalSafeOutputTest {
  /** As JSON escapes: what the gateway's JSON lines carry. */
  private static final String HOSTILE_JSON = "\\u001b]0;pwned\\u0007\\u202etxt.exe\\r\\nX\\u0000\\u0085";
  private static final String HOSTILE_VISIBLE = "\\x1b]0;pwned\\x07\\u202etxt.exe\\x0d\\x0aX\\x00\\u0085";

  @TempDir static Path tmp;
  static Path logs;
  static CliRun investigate;

  @BeforeAll
  static void investigateAHostileScraper() throws IOException {
    logs = Files.createDirectories(tmp.resolve("case"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String ref = String.valueOf(48213098700000L + i * 7L);
      lines.add(String.format("{\"ts\":\"2023-06-10T10:%02d:%02d+05:30\",\"request_id\":\"%012x\",\"client_ip\":"
          + "\"198.51.100.66\",\"method\":\"GET\",\"path\":\"/api/v2/registration/certificate/public/download\","
          + "\"query\":\"beneficiary_reference_id=%s\",\"status\":200,\"bytes\":48213,\"latency_ms\":87,"
          + "\"user_agent\":\"ua%s\",\"auth\":{\"type\":\"citizen\",\"principal\":\"tk-%s\"},\"subject\":\"%s\"}",
          i / 2, (i * 29) % 60, 0xabc000 + i, ref, HOSTILE_JSON, HOSTILE_JSON, ref));
    }
    Files.write(logs.resolve("gateway-2023-06-10.jsonl"), lines);
    investigate = CliRun.of("investigate", logs.toString(), "--out", tmp.resolve("out").toString(), "--rules",
        Path.of(System.getProperty("project.root", "..")).resolve("rules").toString());
    assertEquals(ExitCodes.OK, investigate.exitCode(), investigate.err() + investigate.out());
  }

  /** Fails naming the first raw control or bidi character of {@code text} (line breaks allowed). */
  private static void assertNoRawControls(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad = (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069);
      assertTrue(!bad, String.format("%s carries raw U+%04X at %d: %s", what, (int) c, i,
          text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 40))));
    }
  }

  @Test
  void flaggedActorTableOfInvestigateShowsVisibleEscapes() {
    assertNoRawControls("investigate stdout", investigate.out());
    String row = investigate.out().lines().filter(l -> l.contains("principal  tk-")).findFirst()
        .orElseThrow(() -> new AssertionError("the hostile principal is flagged:\n" + investigate.out()));
    assertTrue(row.contains("tk-" + HOSTILE_VISIBLE.substring(0, 30)), row);
  }

  @Test
  void detectTableShowsVisibleEscapes() {
    CliRun detect = CliRun.of("detect", "-i", tmp.resolve("out/index").toString(), "--rules",
        Path.of(System.getProperty("project.root", "..")).resolve("rules").toString());
    assertEquals(ExitCodes.OK, detect.exitCode(), detect.err());
    assertNoRawControls("detect stdout", detect.out());
    assertTrue(detect.out().contains("tk-\\x1b]0;pwned\\x07\\u202e"), detect.out());
  }

  @Test
  void searchCsvAndTableShowVisibleEscapesOneRecordPerLine() {
    String idx = tmp.resolve("out/index").toString();
    CliRun csv = CliRun.of("search", "-i", idx, "principal:tk-*", "-o", "csv");
    assertEquals(ExitCodes.OK, csv.exitCode(), csv.err());
    assertNoRawControls("search -o csv", csv.out());
    assertEquals(61, csv.out().lines().count(), "header and one line per event");
    assertTrue(csv.out().lines().skip(1).allMatch(l -> l.contains(",tk-" + HOSTILE_VISIBLE + ",")
        && l.contains(",ua" + HOSTILE_VISIBLE + ",")), csv.out().lines().skip(1).findFirst().orElse(""));

    CliRun table = CliRun.of("search", "-i", idx, "principal:tk-*", "-o", "table");
    assertEquals(ExitCodes.OK, table.exitCode(), table.err());
    assertNoRawControls("search table", table.out());
    assertEquals(61, table.out().lines().count());

    CliRun top = CliRun.of("search", "-i", idx, "*:*", "--top", "ua");
    assertNoRawControls("search --top", top.out());
    assertTrue(top.out().contains("ua" + HOSTILE_VISIBLE), top.out());
  }
}
