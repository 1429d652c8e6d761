package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyzer investigate sample-logs/incident-2023-06} run as a new user would, in a fresh
 * JVM whose working directory is outside the repository: the rule pack comes from the jar's
 * resources and relative paths are the user's, not the repository's. The case folder is the
 * incident sample's BOLA day (the whole sample takes minutes to ingest).
 */
class InvestigateAnywhereTest {
  private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

  @TempDir Path elsewhere;

  @Test
  void investigatesASampleCaseFromAFolderOutsideTheRepository() throws Exception {
    Path incident = ROOT.resolve("sample-logs/incident-2023-06");
    Path caseDir = Files.createDirectories(elsewhere.resolve("sample-logs/incident-2023-06"));
    Files.copy(incident.resolve("siem-export-2023-06-10.csv.gz"), caseDir.resolve("siem-export-2023-06-10.csv.gz"));
    assertFalse(Files.exists(elsewhere.resolve("rules")), "no rules folder where the command runs");

    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "investigate", "sample-logs/incident-2023-06", "--out", "out", "--tz", "Asia/Kolkata", "-q")
        .directory(elsewhere.toFile())
        .redirectErrorStream(true)
        .redirectOutput(elsewhere.resolve("console.txt").toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "investigate did not finish in 120 s");
    String console = Files.readString(elsewhere.resolve("console.txt"), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.OK, p.exitValue(), console);

    Path out = elsewhere.resolve("out");
    for (String file : List.of("report.html", "findings.json", "manifest.json")) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file + " written under the working directory:\n" + console);
    }
    JsonNode findings = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
    assertTrue(findings.path("coverage").path("rulesLoaded").asInt() > 0, "the built-in pack ran: " + findings.path("coverage"));
    assertTrue(findings.path("actors").toString().contains("194.26.76.210"), "the BOLA walk is found:\n" + console);
    assertTrue(console.contains("Asia/Kolkata"), console);
  }

  /** The same run with a wrong case path says so (not that the rules are missing). */
  @Test
  void aWrongCasePathIsNamedFromAnyFolder() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "investigate", "sample-logs/no-such-case", "--out", "out")
        .directory(elsewhere.toFile())
        .redirectErrorStream(true)
        .redirectOutput(elsewhere.resolve("console.txt").toFile())
        .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String console = Files.readString(elsewhere.resolve("console.txt"), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.USAGE, p.exitValue(), console);
    assertTrue(console.contains("sample-logs/no-such-case"), console);
    assertFalse(console.contains("rules"), console);
  }
}
