package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file none of whose lines could be parsed is no evidence of quiet traffic: it counts as failed. */
class IngestAllRejectedTest {
  @Test
  void aFileWhoseEveryLineIsRejectedExitsFour(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gateway.log");
    Files.writeString(log, "this is not a gateway line\nnor is this one\n");
    CliRun run = CliRun.of("ingest", log.toString(), "-i", dir.resolve("index").toString(), "--format", "gateway");
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("gateway.log: every one of its 2 line(s) was rejected; it counts as failed"), run.err());
  }
}
