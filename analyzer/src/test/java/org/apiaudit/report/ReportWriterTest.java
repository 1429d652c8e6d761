package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apiaudit.Sha256;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  private final Report report = ReportFixtures.build(ReportFixtures.scrapingCase());

  @Test
  void writesEveryFileWithManifestLastAndNoTemporaryFileLeft() throws Exception {
    Path out = dir.resolve("report");
    List<Path> written = new ReportWriter(ReportWriter.Overwrite.REFUSE).write(report, out);
    assertEquals(ReportWriter.fileNames(), written.stream().map(p -> p.getFileName().toString()).toList());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of("findings.json", "indicators.csv", "indicators.stix.json", "manifest.json", "report.html",
          "report.json", "report.md"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void manifestDigestsMatchTheFilesBytes() throws Exception {
    new ReportWriter(ReportWriter.Overwrite.REFUSE).write(report, dir);
    ReportWriter.Manifest m = ReportWriter.readManifest(dir);
    assertEquals(6, m.files().size());
    for (ReportWriter.FileDigest f : m.files()) {
      byte[] bytes = Files.readAllBytes(dir.resolve(f.name()));
      assertEquals(Sha256.of(bytes), f.sha256(), f.name());
      assertEquals(bytes.length, f.size(), f.name());
    }
    assertEquals(List.of(ReportFixtures.SHA_A, ReportFixtures.SHA_B), m.inputs().stream().map(ReportWriter.FileDigest::sha256).toList());
    assertEquals(report.header().reportId(), m.reportId());
    assertEquals("TLP:AMBER+STRICT", m.classification());
    assertEquals(report.method().evidenceDigest(), m.evidenceDigest());
    assertEquals("2023-06-11T04:29:30.000Z", m.startedAt());
    assertEquals(report.method().commandLine(), m.commandLine());
  }

  @Test
  void refusesToOverwriteAnExistingReport() throws Exception {
    new ReportWriter(ReportWriter.Overwrite.REFUSE).write(report, dir);
    byte[] before = Files.readAllBytes(dir.resolve("report.html"));
    UserException e = assertThrows(UserException.class, () -> new ReportWriter(ReportWriter.Overwrite.REFUSE).write(report, dir));
    assertEquals("report folder " + dir + " already holds a report (report.html, report.md, report.json, findings.json,"
        + " indicators.csv, indicators.stix.json, manifest.json); choose another --out or use --force to replace it", e.getMessage());
    assertEquals(2, e.exitCode());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("report.html"))), "untouched");
  }

  @Test
  void refusesEvenWhenOnlyOneReportFileExists() throws Exception {
    Files.writeString(dir.resolve("report.md"), "older report");
    assertThrows(UserException.class, () -> new ReportWriter(ReportWriter.Overwrite.REFUSE).write(report, dir));
    assertEquals("older report", Files.readString(dir.resolve("report.md")));
  }

  @Test
  void forceReplacesEveryFileAndRewritesTheManifest() throws Exception {
    Files.writeString(dir.resolve("report.md"), "older report");
    Files.writeString(dir.resolve("notes.txt"), "analyst notes");
    Report clean = ReportFixtures.build(ReportFixtures.cleanCase());
    new ReportWriter(ReportWriter.Overwrite.REPLACE).write(clean, dir);
    assertTrue(Files.readString(dir.resolve("report.md")).contains("There is no sign of direct API scraping"));
    assertEquals("analyst notes", Files.readString(dir.resolve("notes.txt")), "unrelated files are left alone");
    ReportWriter.Manifest m = ReportWriter.readManifest(dir);
    assertEquals(clean.header().reportId(), m.reportId());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary file left behind");
    }
  }
}
