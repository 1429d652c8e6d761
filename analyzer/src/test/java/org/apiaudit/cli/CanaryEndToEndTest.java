package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate --canary → ingest → canary (and report --probes), in process, on one small day. */
class CanaryEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DAY_FILE = "gateway-2023-06-06.log";

  private static Path simulate(Path dir, String mode) {
    Path sim = dir.resolve("sim");
    CliRun run = CliRun.of("simulate", "--out", sim.toString(), "--days", "1", "--scale", "0.001", "--seed", "7",
        "--scenario", "vaccinator-misuse:intensity=low", "--canary", mode, "--canary-probes", "4");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    return sim;
  }

  private static Path ingest(Path dir, Path sim) {
    Path index = dir.resolve("index");
    CliRun run = CliRun.of("ingest", "--index", index.toString(), sim.resolve(DAY_FILE).toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    return index;
  }

  /** The clear identifiers of a probes file (first column, header skipped). */
  private static List<String> clearIdentifiers(Path probes) throws Exception {
    return Files.readAllLines(probes).stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
  }

  private static void assertNoClearIdentifier(List<String> identifiers, String where, String text) {
    for (String id : identifiers) {
      assertFalse(text.contains(id), where + " echoes a clear probe identifier");
    }
  }

  @Test
  void liveBotIsCaughtOnEveryProbeWithThePlantedActorAndDelay(@TempDir Path dir) throws Exception {
    Path sim = simulate(dir, "live");
    Path index = ingest(dir, sim);
    Path probes = sim.resolve("probes.csv");
    JsonNode truth = JSON.readTree(sim.resolve("labels.json").toFile()).get("canary");
    assertEquals("live", truth.get("mode").asText());
    String principal = truth.get("actor").get("principal").asText();

    CliRun run = CliRun.of("canary", "--index", index.toString(), "--probes", probes.toString(), "--json");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    JsonNode result = JSON.readTree(run.out());
    assertEquals("live-lookups-evidenced", result.get("verdict").asText());
    assertEquals(4, result.get("counts").get("live-lookup").asInt());
    JsonNode planted = truth.get("planted");
    assertEquals(4, result.get("probes").size());
    for (int i = 0; i < 4; i++) {
      JsonNode p = result.get("probes").get(i);
      assertEquals(planted.get(i).get("line").asLong(), p.get("line").asLong());
      assertEquals("live-lookup", p.get("verdict").asText(), "probe line " + p.get("line"));
      assertEquals("principal:" + principal, p.get("liveActor").asText());
      long delay = p.get("firstLiveDelayMillis").asLong();
      long plantedDelay = planted.get(i).get("delay_ms").asLong();
      assertTrue(Math.abs(delay - plantedDelay) < 1000, "probe " + i + ": measured " + delay + " planted " + plantedDelay);
    }
    JsonNode actor = result.get("liveActors").get(0);
    assertEquals(1, result.get("liveActors").size());
    assertEquals("principal:" + principal, actor.get("actor").asText());
    assertEquals(List.of(truth.get("actor").get("ip").asText()), List.of(actor.get("ips").get(0).asText()));
    assertEquals(4, actor.get("probes").asInt());

    List<String> clear = clearIdentifiers(probes);
    assertEquals(4, clear.size());
    assertNoClearIdentifier(clear, "canary --json", run.out() + run.err());
    CliRun text = CliRun.of("canary", "--index", index.toString(), "--probes", probes.toString());
    assertEquals(ExitCodes.OK, text.exitCode(), text.err());
    assertTrue(text.out().startsWith("Canary test: 4 probes from " + probes + ", window \u00b110m\n"
        + "Verdict: live-lookups-evidenced\n"), text.out());
    assertNoClearIdentifier(clear, "canary text", text.out() + text.err());

    Path findings = dir.resolve("findings.json");
    CliRun detect = CliRun.of("detect", "--index", index.toString(), "--rules",
        Path.of(System.getProperty("project.root", "..")).resolve("rules").toString(), "--json", findings.toString());
    assertTrue(detect.exitCode() == ExitCodes.OK || detect.exitCode() == ExitCodes.FINDINGS, detect.err());
    Path report = dir.resolve("report");
    CliRun rep = CliRun.of("report", "--index", index.toString(), "--findings", findings.toString(), "--out",
        report.toString(), "--probes", probes.toString());
    assertEquals(ExitCodes.OK, rep.exitCode(), rep.err());
    assertNoClearIdentifier(clear, "report output", rep.out() + rep.err());
    JsonNode reportJson = JSON.readTree(report.resolve("report.json").toFile());
    assertEquals("live-lookups-evidenced", reportJson.get("canary").get("verdict").asText());
    assertEquals(result.get("summary").asText().replace("principal:" + principal + " on",
        "principal:" + principal + " (flagged credential-misuse) on"), reportJson.get("canary").get("summary").asText());
    assertEquals("credential-misuse", reportJson.get("canary").get("liveActors").get(0).get("flagged").asText());
    assertTrue(Files.readString(report.resolve("report.md")).contains("### 6.1 Canary probes\n\n**live-lookups-evidenced**"));
    assertTrue(Files.readString(report.resolve("report.html")).contains("<section id=\"canary\">"));
    try (Stream<Path> files = Files.list(report)) {
      for (Path f : files.toList()) {
        assertNoClearIdentifier(clear, f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void offlineBotLeavesNoAccessAndGapsAreNotCovered(@TempDir Path dir) throws Exception {
    Path sim = simulate(dir, "offline");
    JsonNode truth = JSON.readTree(sim.resolve("labels.json").toFile()).get("canary");
    assertEquals("offline", truth.get("mode").asText());
    assertTrue(truth.get("actor").isNull());
    // A gap: the hour 12:00-12:59 IST is cut out of the log; no planted probe is near it.
    Path log = sim.resolve(DAY_FILE);
    List<String> kept = Files.readAllLines(log).stream().filter(l -> !l.contains("[06/Jun/2023:12:")).toList();
    assertTrue(Files.readAllLines(log).size() - kept.size() > 100, "the hour cut must hold events");
    Files.write(log, kept);
    Path probes = sim.resolve("probes.csv");
    for (JsonNode p : truth.get("planted")) {
      assertFalse(p.get("queried_at").asText().startsWith("2023-06-06T12"), p.toString());
    }
    List<String> extra = new ArrayList<>(Files.readAllLines(probes));
    extra.add("9876543210,2023-06-06T12:30:00+05:30,in the cut hour");
    extra.add("9123456780,2023-06-08T10:00:00+05:30,after the logged day");
    extra.add("98765,2023-06-06T10:00:00+05:30,too short");
    Files.write(probes, extra);
    Path index = ingest(dir, sim);

    CliRun run = CliRun.of("canary", "--index", index.toString(), "--probes", probes.toString(), "--json");
    assertEquals(ExitCodes.INPUT_ERROR, run.exitCode(), run.err());
    assertEquals("analyzer: " + probes + ":8: identifier is not a 10-digit mobile, 12-digit Aadhaar or 14-digit"
        + " reference id (value not shown)\n", run.err());
    JsonNode result = JSON.readTree(run.out());
    List<String> verdicts = new ArrayList<>();
    result.get("probes").forEach(p -> verdicts.add(p.get("verdict").asText()));
    assertEquals(List.of("no-access", "no-access", "no-access", "no-access", "not-covered", "not-covered"), verdicts);
    assertEquals("no-live-lookup", result.get("verdict").asText());
    assertEquals(0, result.get("probes").get(4).get("eventsInWindow").asLong());
    assertEquals(0, result.get("probes").get(5).get("eventsInWindow").asLong());
    assertTrue(result.get("probes").get(0).get("eventsAfterQuery").asLong() > 0);
    assertTrue(result.get("liveActors").isEmpty());
    assertTrue(result.get("delays").isNull());

    List<String> clear = new ArrayList<>(clearIdentifiers(probes));
    assertNoClearIdentifier(clear, "canary --json", run.out() + run.err());
    CliRun text = CliRun.of("canary", "--index", index.toString(), "--probes", probes.toString());
    assertNoClearIdentifier(clear, "canary text", text.out() + text.err());
    assertEquals(result.get("summary").asText(), text.out().lines().skip(2).findFirst().orElseThrow());

    Path otherKey = dir.resolve("other.key");
    Files.writeString(otherKey, "00".repeat(32) + "\n");
    CliRun wrongKey = CliRun.of("canary", "--index", index.toString(), "--key", otherKey.toString(), "--probes",
        probes.toString());
    assertEquals(ExitCodes.USAGE, wrongKey.exitCode());
    assertTrue(wrongKey.err().startsWith("analyzer: case key " + otherKey + " is not the key index " + index + " was built with"),
        wrongKey.err());
    assertEquals("", wrongKey.out());
  }
}
