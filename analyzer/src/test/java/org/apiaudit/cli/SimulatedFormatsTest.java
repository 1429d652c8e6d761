package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Every format the simulator writes is read back by the parsers, detected, with zero rejects. */
class SimulatedFormatsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "json", "csv", "combined", "w3c"})
  void everySimulatedLineIsIngestedWithoutRejects(String format) throws Exception {
    Path logs = tmp.resolve("logs");
    CliRun sim = CliRun.of("simulate", "--out", logs.toString(), "--format", format, "--gzip", "--scale", "0.002",
        "--seed", "11", "--scenario", "bola:intensity=low");
    assertEquals(0, sim.exitCode(), sim.err());
    CliRun ingest = CliRun.of("ingest", logs.toString(), "-i", tmp.resolve("idx").toString(), "--json");
    assertEquals(0, ingest.exitCode(), ingest.err() + ingest.out());
    JsonNode summary = new ObjectMapper().readTree(ingest.out());
    assertEquals(0, summary.get("filesFailed").asLong(), ingest.out());
    assertEquals(0, summary.get("rejected").asLong(), format + ": " + ingest.out());
    long lines = summary.get("lines").asLong();
    long events = summary.get("events").asLong();
    long headers = format.equals("csv") ? 1 : format.equals("w3c") ? 2 : 0;
    assertTrue(events > 1000, format + ": only " + events + " events");
    assertEquals(lines - headers, events, format + ": every data line is an event");
  }
}
