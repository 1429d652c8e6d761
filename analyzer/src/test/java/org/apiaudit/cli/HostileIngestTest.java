package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apiaudit.ExitCodes;
import org.apiaudit.bench.FuzzHarness;
import org.apiaudit.ingest.Reject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or odd input lines (issue 23) that once aborted a whole ingest: each now becomes an
 * event or a counted reject, and the rest of the file is ingested.
 */
class HostileIngestTest {
  @TempDir Path tmp;

  /** A well-formed gateway line from {@code ip} at 10 June 2023, 14:22:{@code second} IST. */
  static String gatewayLine(String ip, int second) {
    return String.format("%s - - [10/Jun/2023:14:22:%02d +0530] \"GET /api/v2/admin/location/states HTTP/1.1\" 200 512"
        + " \"-\" \"okhttp/4.9.2\" 0.087 \"-\" 7f3c9a1e2b%02d none - -", ip, second, second);
  }

  private CliRun ingest(Path log) {
    return CliRun.of("ingest", log.toString(), "-i", tmp.resolve("idx").toString());
  }

  @Test
  void ipv4MappedClientIsIndexedAsIpv4InItsSubnet() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(gatewayLine("::ffff:203.0.113.7", 1));
    lines.add(gatewayLine("203.0.113.8", 2));
    Path log = Files.write(tmp.resolve("mapped.log"), lines);
    CliRun run = ingest(log);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("2 events, 0 rejected"), run.out());
    CliRun bySubnet = CliRun.of("search", "-i", tmp.resolve("idx").toString(), "subnet:\"203.0.113.0/24\"", "-o", "csv");
    assertEquals(3, bySubnet.out().lines().count(), "header and both events:\n" + bySubnet.out() + bySubnet.err());
    CliRun byIp = CliRun.of("search", "-i", tmp.resolve("idx").toString(), "ip:203.0.113.7", "-o", "jsonl");
    assertEquals(1, byIp.out().lines().count(), byIp.out() + byIp.err());
    assertFalse(byIp.out().contains("\"source.ip\":\"::ffff:"), byIp.out());
  }

  /** The rejects file beside the index, decoded strictly: malformed UTF-8 fails the test. */
  private String rejectsFile() throws IOException {
    byte[] bytes = Files.readAllBytes(tmp.resolve("idx-rejects.tsv"));
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  @Test
  void rejectWhoseExcerptWouldCutAnEmojiInHalfIsWritten() throws IOException {
    String wave = "\ud83d\udc4b";
    List<String> lines = new ArrayList<>();
    lines.add(gatewayLine("203.0.113.7", 1));
    lines.add("x".repeat(Reject.MAX_EXCERPT - 1) + wave + " tail"); // the cut falls between the two halves
    lines.add("a".repeat(59) + wave + gatewayLine("", 2));        // so does the 60-character quote of the address
    lines.add(gatewayLine("203.0.113.8", 3));
    Path log = Files.write(tmp.resolve("emoji.log"), lines);
    CliRun run = CliRun.of("ingest", log.toString(), "-i", tmp.resolve("idx").toString(), "--format", "gateway");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("4 lines, 2 events, 2 rejected"), run.out());
    String tsv = rejectsFile();
    assertTrue(tsv.contains(log + "\t2\t"), tsv);
    assertTrue(tsv.contains("x".repeat(Reject.MAX_EXCERPT - 1) + "…\n"), "excerpt cut before the emoji:\n" + tsv);
    assertTrue(tsv.contains("bad client address '" + "a".repeat(59) + "…'"), tsv);
  }

  @Test
  void realCaddyLogWithAnEmojiIngestsAndKeepsTheEmojiWhole() throws IOException {
    Path caddy = Path.of("/work/shared/external-logs/lnav-test-logs/logfile_caddy_log.0");
    Assumptions.assumeTrue(Files.isRegularFile(caddy), "absent: " + caddy);
    for (String format : List.of("caddy", "gateway", "gateway-json")) {
      CliRun run = CliRun.of("ingest", caddy.toString(), "-i", tmp.resolve("idx-" + format).toString(),
          "--rejects", tmp.resolve("idx-rejects.tsv").toString(), "--format", format);
      // read as its own format it ingests; read as another, every line is rejected and the file
      // counts as failed (exit 4), but nothing crashes
      assertEquals(format.equals("caddy") ? ExitCodes.OK : ExitCodes.INPUT_ERROR, run.exitCode(),
          format + ": " + run.err() + run.out());
    }
    assertTrue(rejectsFile().contains("byeee!! \ud83d\udc4b"), "the emoji line is quoted whole");
  }

  @Test
  void fiveMegabytesOfRandomBytesIngestAsRejects() throws IOException {
    long seed = new Random().nextLong();
    byte[] noise = new byte[5 << 20];
    new Random(seed).nextBytes(noise);
    Path file = Files.write(tmp.resolve("noise.bin"), noise);
    CliRun forced = CliRun.of("ingest", file.toString(), "-i", tmp.resolve("idx").toString(), "--format", "gateway");
    // every line rejected: the file counts as failed (exit 4), and nothing crashes
    assertEquals(ExitCodes.INPUT_ERROR, forced.exitCode(), "seed " + seed + ": " + forced.err() + forced.out());
    assertTrue(forced.out().contains(" 0 events, "), "seed " + seed + ": " + forced.out());
    rejectsFile();
    for (String format : List.of("gateway-json", "siem-csv", "w3c", "caddy")) {
      CliRun run = CliRun.of("ingest", file.toString(), "-i", tmp.resolve("idx-" + format).toString(),
          "--rejects", tmp.resolve("idx-rejects.tsv").toString(), "--format", format);
      assertEquals(ExitCodes.INPUT_ERROR, run.exitCode(), "seed " + seed + ", " + format + ": " + run.err() + run.out());
    }
    CliRun detected = CliRun.of("ingest", file.toString(), "-i", tmp.resolve("idx-auto").toString());
    assertEquals(ExitCodes.INPUT_ERROR, detected.exitCode(), "seed " + seed + ": " + detected.err() + detected.out());
    assertTrue(detected.err().contains("cannot tell the format of " + file), detected.err());
    assertFalse(detected.err().contains("internal error"), detected.err());
  }

  @Test
  void rejectReasonsAndExcerptsAreMaskedAndEscapedAndTheFileIsOwnerOnly() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(gatewayLine("9123400017", 1));
    lines.add(gatewayLine("\u001b]0;owned\u0007\u202e1.2.3.4", 2));
    lines.add("junk \u0085 with mobile 9876543210 \u001b[31m");
    Path log = Files.write(tmp.resolve("private.log"), lines);
    CliRun run = CliRun.of("ingest", log.toString(), "-i", tmp.resolve("idx").toString(), "--format", "gateway");
    assertEquals(ExitCodes.INPUT_ERROR, run.exitCode(), "every line rejected: " + run.err() + run.out());
    assertTrue(run.out().contains("3 lines, 0 events, 3 rejected"), run.out());
    String tsv = rejectsFile();
    for (String printed : List.of(run.out(), tsv)) {
      assertFalse(printed.contains("9123400017"), "clear identifier in a reject reason:\n" + printed);
      assertFalse(printed.contains("9876543210"), "clear identifier in a reject excerpt:\n" + printed);
      assertTrue(printed.contains("bad client address 'ps-"), printed);
      assertTrue(printed.contains("bad client address '\\x1b]0;owned\\x07\\u202e1.2.3.4'"), printed);
      for (char c : new char[] {'\u001b', '\u0007', '\u0085', '\u202e'}) {
        assertEquals(-1, printed.indexOf(c), "raw U+" + Integer.toHexString(c) + " printed");
      }
    }
    assertTrue(tsv.contains("junk \\u0085 with mobile ps-"), tsv);
    assertTrue(tsv.contains("\\x1b[31m\n"), tsv);
    assertEquals(3, tsv.lines().count(), tsv);
    if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("idx-rejects.tsv"))));
    }
  }

  @Test
  void userAgentOfJsonBeyondJacksonsLimitsIsIngestedNotACrash() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(gatewayLine("203.0.113.7", 1).replace("\"okhttp/4.9.2\"", "\"{\"x\":" + "[".repeat(1001) + "\""));
    lines.add(gatewayLine("203.0.113.8", 2));
    Path log = Files.write(tmp.resolve("brackets.log"), lines);
    CliRun run = ingest(log);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("2 lines, 2 events, 0 rejected"), run.out());
  }

  @Test
  void eventTimesBefore1990OrAfterTomorrowAreRejectedWithAReason() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(gatewayLine("203.0.113.7", 1));
    lines.add(gatewayLine("203.0.113.7", 2).replace("10/Jun/2023", "01/Jan/1970"));
    lines.add(gatewayLine("203.0.113.7", 3).replace("10/Jun/2023", "31/Dec/1989"));
    lines.add(gatewayLine("203.0.113.7", 4).replace("10/Jun/2023", "31/Dec/9999"));
    lines.add(gatewayLine("203.0.113.7", 5).replace("10/Jun/2023", "01/Jan/1990").replace("14:22:05", "05:30:00"));
    Path log = Files.write(tmp.resolve("clock.log"), lines);
    CliRun run = ingest(log);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("5 lines, 2 events, 3 rejected"), run.out());
    assertTrue(run.out().contains(log + ":2: implausible time 1970-01-01T08:52:02Z (accepted: 1990-01-01T00:00:00Z .. "),
        run.out());
    assertTrue(run.out().contains(log + ":4: implausible time 9999-12-31T08:52:04Z"), run.out());
    CliRun stats = CliRun.of("stats", "-i", tmp.resolve("idx").toString());
    assertTrue(stats.out().contains("1990-01-01T00:00"), stats.out());
  }

  /** An index holding one event in 1969 and one in 2023, as ingest made them before it bounded times. */
  private Path indexSpanningDecades() throws IOException {
    Path idx = tmp.resolve("old-idx");
    try (org.apiaudit.detect.CaseIndex index = new org.apiaudit.detect.CaseIndex(idx)) {
      for (long ts : new long[] {Instant.parse("1969-12-31T12:00:00Z").toEpochMilli(),
          Instant.parse("2023-06-10T08:52:01Z").toEpochMilli()}) {
        index.add(ts, "203.0.113.7", "okhttp/4.9.2", "none", "-", "public", "/api/v2/admin/location/states", null, 200);
      }
    }
    return idx;
  }

  @Test
  void histogramOfHitsDecadesApartIsCappedInRows() throws IOException {
    Path idx = indexSpanningDecades();
    CliRun run = CliRun.of("search", "-i", idx.toString(), "*:*", "--histogram", "--interval", "1m");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    long rows = run.out().lines().count();
    assertTrue(rows <= 1000 && rows >= 900, rows + " rows");
    assertTrue(run.err().contains("showing buckets of"), run.err());
    assertEquals(2, run.out().lines().filter(l -> l.matches(".*\\s1\\s+#+$")).count(), run.out().lines().limit(3).toList().toString());
  }

  @Test
  void reportOnAnIndexWithAnEventBefore1970IsWritten() throws IOException {
    Path idx = indexSpanningDecades();
    Path findings = tmp.resolve("findings.json");
    CliRun detect = CliRun.of("detect", "-i", idx.toString(), "--json", findings.toString(), "--rules",
        Path.of(System.getProperty("project.root", "..")).resolve("rules").toString());
    assertEquals(ExitCodes.OK, detect.exitCode(), detect.err() + detect.out());
    CliRun report = CliRun.of("report", "--index", idx.toString(), "--findings", findings.toString(), "--out",
        tmp.resolve("out").toString());
    assertEquals(ExitCodes.OK, report.exitCode(), report.err() + report.out());
    assertTrue(Files.readString(tmp.resolve("out").resolve("report.html")).contains("<svg"));
  }

  @Test
  void byteOrderMarkAndCrOnlyLineEndingsCostNoLine() throws IOException {
    String crOnly = "\uFEFF" + gatewayLine("203.0.113.7", 1) + "\r" + gatewayLine("203.0.113.8", 2) + "\r"
        + gatewayLine("203.0.113.9", 3) + "\r";
    Path log = Files.write(tmp.resolve("windows.log"), crOnly.getBytes(StandardCharsets.UTF_8));
    CliRun run = ingest(log);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("3 lines, 3 events, 0 rejected"), run.out());
  }

  @Test
  void statusOutsideThreeDigitsIsRejectedAndTheReasonMasked() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(gatewayLine("203.0.113.7", 1).replace("HTTP/1.1\" 200 512", "HTTP/1.1\" 9123400016 512"));
    lines.add(gatewayLine("203.0.113.7", 2));
    Path log = Files.write(tmp.resolve("status.log"), lines);
    CliRun run = ingest(log);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("2 lines, 1 events, 1 rejected"), run.out());
    assertTrue(run.out().contains(log + ":1: status 'ps-"), run.out());
    assertTrue(run.out().contains("' outside 100..999"), run.out());
    assertFalse(run.out().contains("9123400016"), run.out());
  }

  /** Runs the CLI and checks the run ended as a one-line usage error, not a bug report. */
  private static void assertUsageError(String expectedStart, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("analyzer: " + expectedStart), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void hostileSearchArgumentsAreUsageErrors() throws IOException {
    Path log = Files.write(tmp.resolve("a.log"), List.of(gatewayLine("203.0.113.7", 1)));
    assertEquals(ExitCodes.OK, ingest(log).exitCode());
    String idx = tmp.resolve("idx").toString();
    assertUsageError("--top-n must be at least 1; got: -1", "search", "-i", idx, "*:*", "--top", "ip", "--top-n", "-1");
    assertUsageError("--limit must be 0 (all) or more; got: -1", "search", "-i", idx, "*:*", "--limit", "-1");
    assertUsageError("query nests parentheses 10000 deep", "search", "-i", idx,
        "(".repeat(10_000) + "ip:203.0.113.7" + ")".repeat(10_000));
    assertUsageError("regular expression of 10000 characters", "search", "-i", idx, "ua:/" + "a?".repeat(5000) + "/");
    assertUsageError("expected a duration", "search", "-i", idx, "*:*", "--histogram", "--interval", "99999999999999999d");
    assertUsageError("--threads must be at least 1; got: 0", "ingest", log.toString(), "-i", idx, "--threads", "0");
  }

  @Test
  void unreadableSubFolderIsSkippedAndTheRunExitsWithInputError() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("case"));
    Files.write(dir.resolve("a.log"), List.of(gatewayLine("203.0.113.7", 1)));
    Path locked = Files.createDirectories(dir.resolve("locked"));
    Files.write(locked.resolve("b.log"), List.of(gatewayLine("203.0.113.8", 2)));
    Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      // root (or CAP_DAC_OVERRIDE) reads it anyway; InputFilesTest covers the walker for that case
      Assumptions.assumeFalse(Files.isReadable(locked), "running with the right to read any folder");
      CliRun run = CliRun.of("ingest", dir.toString(), "-i", tmp.resolve("idx").toString());
      assertEquals(ExitCodes.INPUT_ERROR, run.exitCode(), run.err() + run.out());
      assertTrue(run.err().contains("cannot read " + locked + " (skipped): permission denied"), run.err());
      assertTrue(run.out().contains("1 events"), run.out());
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** Real logs copied into the test resources (see NOTICE), one corpus per format. */
  private static List<FuzzHarness.Corpus> realCorpora() throws IOException {
    Path dir = Path.of(System.getProperty("project.root", "..")).resolve("analyzer/src/test/resources/external");
    return List.of(FuzzHarness.Corpus.of("combined", dir.resolve("apache_logs"), 2000),
        FuzzHarness.Corpus.of("combined", dir.resolve("logfile_shop_access_log.0"), 1000),
        FuzzHarness.Corpus.of("w3c", dir.resolve("logfile_w3c_big.0"), 1000),
        FuzzHarness.Corpus.of("caddy", dir.resolve("logfile_caddy_log.0"), 100));
  }

  @Test
  void randomlyMutatedLinesOfEveryFormatAreEventsOrRejectsNeverACrashNorALeak() throws IOException {
    long seed = Long.getLong("hostile.seed", new Random().nextLong()); // -Dhostile.seed=N repeats a run
    Path work = tmp.resolve("fuzz");
    FuzzHarness.Result result = FuzzHarness.withBuiltInCorpora(realCorpora(), seed).run(100_000, work, m -> {});
    System.out.println("fuzz: " + result);
    assertTrue(result.lines() >= 100_000, result.toString());
    assertTrue(result.events() > 10_000 && result.rejects() > 10_000, "both events and rejects: " + result);
    assertEquals(0, result.crashes(), result + "\n" + result.problems());
    assertEquals(0, result.unaccounted(), result + "\n" + result.problems());
    assertEquals(List.of(), result.problems(), result.toString());
    assertEquals(List.of(), result.leaks().stream().map(Object::toString).toList(), result.toString());
    try (var files = Files.list(work)) {
      for (Path rejects : files.filter(f -> f.getFileName().toString().endsWith(".tsv")).toList()) {
        String tsv = new String(Files.readAllBytes(rejects), StandardCharsets.UTF_8);
        for (char c : new char[] {'\u0000', '\u001b', '\u0085', '\u202e', '\u2066', '\r'}) {
          assertEquals(-1, tsv.indexOf(c), "seed " + seed + ": raw U+" + Integer.toHexString(c) + " in " + rejects);
        }
      }
    }
  }
}
