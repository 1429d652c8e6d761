package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  @Test
  void writesDayFilesLabelsAndLeakSampleAndReportsThroughput(@TempDir Path tmp) {
    StringWriter err = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("simulate", "--out", tmp.toString(), "--days", "2", "--scale",
        "0.005", "--scenario", "bola:subjects=25", "--gzip");
    assertEquals(ExitCodes.OK, code, err.toString());
    assertTrue(Files.exists(tmp.resolve("gateway-2023-06-06.log.gz")));
    assertTrue(Files.exists(tmp.resolve("gateway-2023-06-07.log.gz")));
    assertTrue(Files.exists(tmp.resolve("labels.json")));
    assertTrue(Files.exists(tmp.resolve("leak-sample.txt")));
    assertTrue(err.toString().startsWith("simulate: "), err.toString());
    assertTrue(err.toString().contains("events/s"), err.toString());
  }

  @Test
  void badScenarioIsAUsageErrorNamingTheValue(@TempDir Path tmp) {
    StringWriter err = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("simulate", "--out", tmp.toString(), "--scenario", "bola:intensity=x");
    assertEquals(ExitCodes.USAGE, code);
    assertTrue(err.toString().contains("intensity must be one of low, medium, high; got: x"),
        err.toString());
  }

  @Test
  void helpDocumentsScenariosAndLabels() {
    StringWriter out = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("simulate", "--help"));
    assertTrue(out.toString().contains("vaccinator-misuse"), out.toString());
    assertTrue(out.toString().contains("apiaudit.simulate.labels/v1"), out.toString());
    assertTrue(out.toString().contains("Examples:"), out.toString());
  }
}
