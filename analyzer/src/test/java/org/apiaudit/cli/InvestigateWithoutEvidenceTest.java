package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report on nothing would read "no sign of scraping, no gap in coverage": none is written. */
class InvestigateWithoutEvidenceTest {
  private static final String RULES = Path.of(System.getProperty("project.root", "..")).resolve("rules").toString();

  private static void assertNoReport(CliRun run, Path out, int exitCode) {
    assertEquals(exitCode, run.exitCode(), run.err() + run.out());
    assertTrue(run.err().contains("no log line could be read from"), run.err());
    assertFalse(Files.exists(out.resolve("report.html")), "no report on no evidence");
    assertFalse(Files.exists(out.resolve("findings.json")));
  }

  @Test
  void anEmptyFolderExitsFourWithoutAReport(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("case"));
    Path out = dir.resolve("out");
    assertNoReport(CliRun.of("investigate", empty.toString(), "--out", out.toString(), "--rules",
        RULES), out, 4);
  }

  @Test
  void aFolderOfNonLogsExitsFourWithoutAReport(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("case"));
    Files.writeString(folder.resolve("README.txt"), "notes about the case\nnothing else\n");
    Path out = dir.resolve("out");
    assertNoReport(CliRun.of("investigate", folder.toString(), "--out", out.toString(), "--rules",
        RULES), out, 4);
  }

  @Test
  void aMistypedPathExitsTwoWithoutAReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertNoReport(CliRun.of("investigate", dir.resolve("no-such-case").toString(), "--out", out.toString(),
        "--rules", RULES), out, 2);
  }
}
