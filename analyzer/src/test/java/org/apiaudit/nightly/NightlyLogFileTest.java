package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightly --log-file}: the run's diagnostics kept in a file, dated, beside the one-line summary. */
class NightlyLogFileTest {
  @TempDir Path dir;

  @Test
  void diagnosticsOfEachRunAreAppendedToTheLogFile() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path cfg = NightlyFixture.config(dir, "fail-on: critical\n");
    NightlyFixture.append(dir.resolve("logs/access.log"), all.subList(0, 100));
    Path logFile = dir.resolve("nightly.log");
    CliRun first = CliRun.of("nightly", "--config", cfg.toString(), "--log-file", logFile.toString());
    assertEquals(0, first.exitCode(), first.err());
    String text = Files.readString(logFile);
    assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO .*"), text);
    assertTrue(text.contains("loaded "), text);
    assertFalse(first.out().contains("loaded "), "diagnostics are not the summary: " + first.out());
    long before = text.lines().count();
    NightlyFixture.append(dir.resolve("logs/access.log"), all.subList(100, 150));
    assertEquals(0, CliRun.of("nightly", "--config", cfg.toString(), "--log-file", logFile.toString()).exitCode());
    assertTrue(Files.readString(logFile).lines().count() > before, "the second run appends");
  }
}
