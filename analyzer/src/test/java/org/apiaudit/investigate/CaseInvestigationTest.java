package org.apiaudit.investigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.Sha256;
import org.apiaudit.UserException;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventIndex;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.report.Classification;
import org.apiaudit.report.ReportWriter;
import org.apiaudit.rules.LoadPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a small case folder (the first lines of one day of the incident sample and
 * its leak sample): the output folder's layout, a report whose manifest matches what was written,
 * and a second run that reads nothing again and concludes the same.
 */
class CaseInvestigationTest {
  private static final Path PROJECT = Path.of(System.getProperty("project.root", ".."));
  private static final int SLICE_LINES = 3000;

  @TempDir Path dir;
  private Path caseDir;
  private Path out;

  @BeforeEach
  void sliceOfTheIncidentSample() throws IOException {
    Path sample = PROJECT.resolve("sample-logs/incident-2023-06");
    caseDir = Files.createDirectories(dir.resolve("case"));
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(sample.resolve("gateway-2023-06-06.log.gz"))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && lines.size() < SLICE_LINES; line = in.readLine()) {
        lines.add(line);
      }
    }
    Files.write(caseDir.resolve("gateway-slice.log"), lines, StandardCharsets.UTF_8);
    Files.copy(sample.resolve(CaseInvestigation.LEAK_SAMPLE_NAME), caseDir.resolve(CaseInvestigation.LEAK_SAMPLE_NAME));
    out = dir.resolve("out");
  }

  private CaseInvestigation.Outcome investigate(boolean force) throws IOException {
    IngestConfig ingest = new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, 1, LineReader.DEFAULT_MAX_LINE_BYTES,
        Ingestor.defaultRejectsFile(CaseInvestigation.indexOf(out)));
    return CaseInvestigation.run(new CaseInvestigation.Request(List.of(caseDir.toString()), out,
        PROJECT.resolve("rules/gateway"), new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE), null, ingest, "slice",
        Classification.DEFAULT, force, "analyzer investigate case", null, 0, LoadPolicy.STRICT),
        ProgressListener.NONE, m -> { });
  }

  @Test
  void writesIndexKeyBesideItAndACompleteReport() throws IOException {
    CaseInvestigation.Outcome o = investigate(false);

    assertEquals(out.resolve("index"), o.index());
    assertEquals(caseDir.resolve(CaseInvestigation.LEAK_SAMPLE_NAME), o.leakSample(), "picked up from the case folder");
    assertTrue(Files.isRegularFile(out.resolve("index.key")), "the key beside the index");
    try (var inside = Files.walk(o.index())) {
      assertFalse(inside.anyMatch(p -> p.getFileName().toString().endsWith(".key")), "never inside it");
    }
    assertEquals(SLICE_LINES, o.ingest().linesRead());
    assertEquals(SLICE_LINES, o.ingest().eventsIndexed(), "every line of the sample is a gateway event");
    try (DirectoryReader reader = EventIndex.openReader(o.index())) {
      assertEquals(SLICE_LINES, reader.numDocs());
    }

    List<String> names = o.written().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(ReportWriter.fileNames(), names.stream().sorted(
        java.util.Comparator.comparingInt(ReportWriter.fileNames()::indexOf)).toList(), "every report file, once");
    assertEquals("manifest.json", names.get(names.size() - 1), "manifest last");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    int listed = 0;
    for (JsonNode f : manifest.path("files")) {
      Path file = out.resolve(f.path("name").asText());
      assertEquals(Sha256.of(file), f.path("sha256").asText(), "manifest digest of " + file);
      listed++;
    }
    assertEquals(ReportWriter.fileNames().size() - 1, listed, "the manifest lists every other file");
    assertEquals(Sha256.of(caseDir.resolve("gateway-slice.log")), manifest.path("inputs").path(0).path("sha256").asText(),
        "the input's digest as ingested");
    assertEquals(o.findings().actors().size(), new ObjectMapper().readTree(out.resolve("findings.json").toFile())
        .path("actors").size());
  }

  @Test
  void aSecondRunReadsNothingAgainAndConcludesTheSame() throws IOException {
    CaseFindings first = investigate(false).findings();
    assertFalse(first.actors().isEmpty(), "the slice holds actors a rule fires for");
    CaseInvestigation.Outcome again = investigate(true);
    assertEquals(0, again.ingest().eventsIndexed(), "idempotent by content");
    try (DirectoryReader reader = EventIndex.openReader(again.index())) {
      assertEquals(SLICE_LINES, reader.numDocs());
    }
    assertEquals(verdicts(first), verdicts(again.findings()));
  }

  @Test
  void refusesToReplaceAReportWithoutForce() throws IOException {
    investigate(false);
    UserException e = assertThrows(UserException.class, () -> investigate(false));
    assertTrue(e.getMessage().startsWith("output folder " + out + " already holds a report ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("); use --force to replace it, or another --out"), e.getMessage());
  }

  @Test
  void leakSampleNamedWinsOverTheCaseFolders() {
    Path named = dir.resolve("other-leak.txt");
    assertEquals(named, CaseInvestigation.leakSampleFor(List.of(caseDir.toString()), named));
    assertEquals(caseDir.resolve(CaseInvestigation.LEAK_SAMPLE_NAME),
        CaseInvestigation.leakSampleFor(List.of(dir.resolve("absent").toString(), caseDir.toString()), null));
    assertEquals(null, CaseInvestigation.leakSampleFor(List.of(caseDir.resolve("gateway-slice.log").toString()), null),
        "a file input has no case folder to look in");
  }

  private static List<String> verdicts(CaseFindings f) {
    return f.actors().stream().map(a -> a.kind() + " " + a.value() + " " + a.verdict()).toList();
  }
}
