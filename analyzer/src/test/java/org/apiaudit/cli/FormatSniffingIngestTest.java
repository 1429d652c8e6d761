package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway file whose first sixteen lines include two with a broken tail is read as gateway,
 * the two rejected, with a warning naming the file, instead of silently as combined (which
 * would drop auth, principal and subject from every line).
 */
class FormatSniffingIngestTest {
  @TempDir Path tmp;

  @Test
  void gatewayFileWithTwoBrokenTailsInItsHeadIsReadAsGateway() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String line = String.format("203.0.113.7 - - [10/Jun/2023:14:22:%02d +0530] \"GET /api/v2/registration/"
          + "certificate/public/download?beneficiary_reference_id=48213098765432 HTTP/1.1\" 200 48213 \"-\""
          + " \"okhttp/4.9.2\" 0.087 \"-\" 7f3c9a1e2b%02d citizen tk-9f2e11 48213098765432", i, i);
      lines.add(i == 2 || i == 9 ? line.substring(0, line.indexOf(" 0.087")) : line);
    }
    Path log = Files.write(tmp.resolve("access.log"), lines);
    Path index = tmp.resolve("idx");
    CliRun run = CliRun.of("ingest", "-i", index.toString(), log.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("  warning: " + log + ": its lines fit two formats: 14 of the first 16 are gateway,"
        + " 16 are combined; read as gateway"), run.out());
    assertTrue(run.out().contains("40 lines, 38 events, 2 rejected"), run.out());

    String stats = CliRun.of("stats", "-i", index.toString()).out();
    assertTrue(stats.contains("  " + log + "  gateway  "), stats);
    assertTrue(stats.contains("40 lines  38 events  2 rejected"), stats);
    CliRun principals = CliRun.of("search", "-i", index.toString(), "principal:tk-9f2e11", "-o", "csv");
    assertEquals(39, principals.out().lines().count(), "the principal of every gateway line is kept:\n" + principals.out());
  }
}
