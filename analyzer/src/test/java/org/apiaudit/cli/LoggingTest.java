package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics go through SLF4J/logback to stderr, at the level -v/-vv/-q ask for, never to stdout. */
class LoggingTest {
  @TempDir Path tmp;

  /** Runs {@code body} with the process's stderr (where logback's console appender writes) captured. */
  private static String stderrOf(Supplier<CliRun> body, CliRun[] run) {
    PrintStream saved = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      run[0] = body.get();
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** {@code n} gateway lines whose request ids start with the name's first letter: two logs never share content. */
  private Path log(String name, int n) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(String.format("198.51.100.%d - - [10/Jun/2023:14:00:%02d +0530] \"GET /api/v2/admin/location/states"
          + " HTTP/1.1\" 200 10 \"-\" \"okhttp/4.9.2\" 0.010 \"-\" %s%05d none - -", i, i % 60, name.charAt(0), i));
    }
    return Files.write(tmp.resolve(name), lines);
  }

  @Test
  void verboseIngestLogsEachFileWithItsTimingOnStderrOnly() throws IOException {
    Path a = log("a.log", 40);
    String idx = tmp.resolve("idx").toString();
    CliRun[] run = new CliRun[1];
    String quiet = stderrOf(() -> CliRun.of("ingest", a.toString(), "-i", idx), run);
    assertFalse(quiet.contains("a.log: 40 lines"), quiet);

    Path b = log("b.log", 30);
    String verbose = stderrOf(() -> CliRun.of("ingest", b.toString(), "-i", idx, "-v"), run);
    assertEquals(ExitCodes.OK, run[0].exitCode(), run[0].err());
    assertTrue(verbose.contains("b.log: 30 lines, 30 events, 0 rejected, gateway in "), verbose);
    assertFalse(verbose.contains("heap used"), verbose);
    assertFalse(run[0].out().contains("b.log: 30 lines"), "diagnostics are not data: " + run[0].out());

    String debug = stderrOf(() -> CliRun.of("ingest", b.toString(), "-i", idx, "-vv"), run);
    assertTrue(debug.contains("heap used"), debug);
    assertTrue(debug.contains("already_ingested") || debug.contains("skipped_duplicate"), debug);
  }

  @Test
  void verboseDetectSaysHowManyRulesItLoadedAndQuietSaysNothing() throws IOException {
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log("c.log", 20).toString(), "-i", idx).exitCode());
    CliRun[] run = new CliRun[1];
    String verbose = stderrOf(() -> CliRun.of("detect", "-i", idx, "-v"), run);
    assertEquals(ExitCodes.OK, run[0].exitCode(), run[0].err());
    assertTrue(verbose.matches("(?s).*loaded \\d+ rules from .*"), verbose);
    String quiet = stderrOf(() -> CliRun.of("detect", "-i", idx, "-q"), run);
    assertEquals("", quiet);
  }
}
