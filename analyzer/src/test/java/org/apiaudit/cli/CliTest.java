package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiaudit.ExitCodes;
import org.apiaudit.ingest.format.FormatRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private static final List<String> GATEWAY_LINES = List.of(
      "203.0.113.7 - - [10/Jun/2023:14:22:01 +0530] \"GET /api/v2/registration/certificate/public/download?beneficiary_reference_id=48213098765432 HTTP/1.1\" 200 48213 \"-\" \"okhttp/4.9.2\" 0.087 \"-\" 7f3c9a1e2b4d citizen tk-9f2e11 48213098765432",
      "198.51.100.20 - - [10/Jun/2023:23:10:05 +0530] \"GET /api/v2/vaccinator/beneficiary/search?mobile=9876543210 HTTP/1.1\" 200 912 \"-\" \"python-requests/2.31.0\" 0.041 \"-\" a1b2c3d4e5f6 vaccinator vacc-1042 9876543210",
      "198.51.100.21 - - [10/Jun/2023:23:10:06 +0530] \"GET /api/v2/vaccinator/beneficiary/search?mobile=9876543211 HTTP/1.1\" 200 915 \"-\" \"python-requests/2.31.0\" 0.040 \"-\" a1b2c3d4e5f7 vaccinator vacc-1042 9876543211",
      "this line is garbage",
      "2001:db8::5 - - [10/Jun/2023:23:11:00 +0530] \"GET /api/v2/admin/location/states HTTP/1.1\" 429 0 \"-\" \"SlotBot/1.0\" 0.001 \"-\" ffee00112233 none - -");
  private static final List<String> CLEAR = List.of("48213098765432", "9876543210", "9876543211");

  @TempDir Path tmp;

  private Path writeLog() throws IOException {
    Path f = tmp.resolve("gateway-2023-06-10.log");
    Files.write(f, GATEWAY_LINES);
    return f;
  }

  private void assertNoClearIdentifier(String text) {
    for (String c : CLEAR) {
      assertFalse(text.contains(c), "clear identifier " + c + " printed:\n" + text);
    }
  }

  @Test
  void ingestThenSearchBySubjectPseudonymPrincipalAndCidr() throws IOException {
    Path log = writeLog();
    String idx = tmp.resolve("idx").toString();
    CliRun ingest = CliRun.of("ingest", log.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest.err());
    assertTrue(ingest.out().startsWith("Ingested 1 file(s) (0 skipped as already ingested, 0 not logs, 0 failed):"
        + " 5 lines, 4 events, 1 rejected"), ingest.out());
    assertTrue(ingest.out().contains(log + ":4: "), ingest.out());

    CliRun pseudo = CliRun.of("pseudonymize", "-i", idx, "+91 98765 43210");
    String ps = pseudo.out().strip();
    assertTrue(ps.matches("ps-[0-9a-f]{16}"), ps);

    CliRun bySubject = CliRun.of("search", "-i", idx, "subject:" + ps, "-o", "jsonl");
    assertEquals(1, bySubject.out().lines().count(), bySubject.out());
    assertTrue(bySubject.out().contains("\"http.request.id\"") || bySubject.out().contains("a1b2c3d4e5f6"));
    assertTrue(bySubject.out().contains("\"auth.principal\":\"vacc-1042\""), bySubject.out());

    assertEquals(2, CliRun.of("search", "-i", idx, "principal:vacc-1042", "-o", "jsonl").out().lines().count());
    assertEquals(2, CliRun.of("search", "-i", idx, "ip:198.51.100.0/24 AND status:[200 TO 299]", "-o", "csv")
        .out().lines().count() - 1);
    assertEquals(1, CliRun.of("search", "-i", idx, "status:429", "--from", "2023-06-10T23:10:30+05:30", "-o", "jsonl")
        .out().lines().count());
    assertEquals(0, CliRun.of("search", "-i", idx, "status:429", "--to", "2023-06-10T23:10:30+05:30", "-o", "jsonl")
        .out().lines().count());

    CliRun all = CliRun.of("search", "-i", idx, "-o", "csv");
    assertNoClearIdentifier(all.out() + all.err() + ingest.out() + ingest.err());
    CliRun top = CliRun.of("search", "-i", idx, "--top", "ua");
    assertTrue(top.out().contains("2   50.00%  python-requests/2.31.0"), top.out());
    CliRun fanOut = CliRun.of("search", "-i", idx, "--top", "principal", "--distinct", "subject");
    assertTrue(fanOut.out().startsWith("auth.principal by distinct subject.id over 4 matching events"), fanOut.out());
    CliRun alone = CliRun.of("search", "-i", idx, "--distinct", "subject");
    assertEquals(ExitCodes.USAGE, alone.exitCode(), alone.err());
    assertTrue(alone.err().contains("--distinct ranks the values of --top"), alone.err());
  }

  @Test
  void secondIngestOfSameFolderAddsNothing() throws IOException {
    writeLog();
    String idx = tmp.resolve("idx").toString();
    CliRun.of("ingest", tmp.toString(), "-i", idx);
    CliRun again = CliRun.of("ingest", tmp.toString(), "-i", idx, "--json");
    assertTrue(again.out().contains("\"filesIngested\":0,\"filesSkippedDuplicate\":1"), again.out());
    CliRun stats = CliRun.of("stats", "-i", idx);
    assertTrue(stats.out().contains("events       4"), stats.out());
  }

  @Test
  void missingInputGivesInputErrorExitCode() throws IOException {
    Path log = writeLog();
    CliRun run = CliRun.of("ingest", log.toString(), tmp.resolve("absent.log").toString(), "-i", tmp.resolve("idx").toString());
    assertEquals(ExitCodes.INPUT_ERROR, run.exitCode());
    assertTrue(run.err().contains("no such file or folder: " + tmp.resolve("absent.log")), run.err());
  }

  @Test
  void badQueryIsAUsageErrorOnOneLine() throws IOException {
    Path log = writeLog();
    String idx = tmp.resolve("idx").toString();
    CliRun.of("ingest", log.toString(), "-i", idx);
    CliRun run = CliRun.of("search", "-i", idx, "nosuchfield:1");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertEquals("analyzer: unknown field 'nosuchfield'; see 'analyzer stats --fields' for the schema\n", run.err());
  }

  @Test
  void unknownFormatIsAUsageError() throws IOException {
    CliRun run = CliRun.of("ingest", writeLog().toString(), "-i", tmp.resolve("idx").toString(), "--format", "nope");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().startsWith("analyzer: unknown format 'nope'; known: gateway"), run.err());
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    CommandLine root = AnalyzerCommand.newCommandLine();
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CliRun help = CliRun.of(name, "--help");
      assertEquals(0, help.exitCode(), name);
      assertTrue(help.out().contains("Examples:"), name + " --help has no examples:\n" + help.out());
    }
  }

  @Test
  void versionIsPrinted() {
    assertTrue(CliRun.of("--version").out().startsWith("analyzer "));
  }

  @Test
  void ingestHelpListsEveryFormatPreset() {
    Matcher m = Pattern.compile("[a-z0-9-]+").matcher(IngestCommand.FORMAT_NAMES);
    List<String> listed = m.results().map(r -> r.group()).toList();
    assertEquals(FormatRegistry.names(), listed);
  }

  @Test
  void noCommandIsAUsageErrorWithTheUsageOnStderr() {
    CliRun run = CliRun.of();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Commands:"), run.err());
    assertEquals("", run.out());
  }
}
