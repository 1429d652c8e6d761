package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.ExitCodes;
import org.apiaudit.Sha256;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
  private static final long T0 = 1686387121000L; // 2023-06-10T08:52:01Z
  @TempDir Path tmp;

  private IngestConfig config(int threads) {
    return new IngestConfig((file, head) -> PipeTestFormat.INSTANCE.sniff(head) > 0 ? PipeTestFormat.INSTANCE : null,
        EndpointTable.defaults(), EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, threads, 4096, tmp.resolve("rejects.tsv"));
  }

  private IngestSummary ingest(Path index, List<String> inputs) throws IOException {
    return Ingestor.run(index, tmp.resolve("case.key"), inputs, config(2), ProgressListener.NONE, m -> {});
  }

  private static List<String> lines(int n, int offset) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PipeTestFormat.line(T0 + (offset + i) * 1000L, "203.0.113." + (i % 7), "GET",
          "/api/v2/registration/certificate/public/download", "beneficiary_reference_id=482130987" + (10000 + i), 200,
          "tk-" + (i % 3), "482130987" + (10000 + i), "okhttp/4.9.2"));
    }
    return out;
  }

  private static int docCount(Path index) throws IOException {
    try (DirectoryReader r = EventIndex.openReader(index)) {
      return r.numDocs();
    }
  }

  @Test
  void progressCountsOnlyTheLogsOfAFolder() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("case"));
    Path log = Files.write(folder.resolve("gateway.log"), lines(50, 0));
    Files.writeString(folder.resolve("README.md"), "# Case notes\n\nExported by the gateway team.\n".repeat(40));
    Files.writeString(folder.resolve("leak-sample.txt"), "482130987100001\n".repeat(200));
    long[] total = {-1};
    List<Integer> filesTotal = new ArrayList<>();
    ProgressListener recording = new ProgressListener() {
      @Override
      public void start(long totalBytes) {
        total[0] = totalBytes;
      }

      @Override
      public void progress(String file, int filesDone, int filesTotalNow, long lines, long bytes) {
        filesTotal.add(filesTotalNow);
      }
    };
    Ingestor.run(tmp.resolve("index"), tmp.resolve("case.key"), List.of(folder.toString()), config(2), recording,
        m -> {});
    assertEquals(Files.size(log), total[0], "bytes of the one log, not of the notes beside it");
    assertTrue(filesTotal.stream().allMatch(n -> n == 1), filesTotal.toString());
  }

  @Test
  void ingestsEveryLineAndRecordsFileInManifest() throws IOException {
    Path f = tmp.resolve("a.log");
    Files.write(f, lines(5000, 0));
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(f.toString()));
    assertEquals(5000, s.eventsIndexed());
    assertEquals(0, s.totalRejects());
    assertEquals(5000, docCount(tmp.resolve("idx")));
    SourceFile recorded = EventIndex.readManifest(tmp.resolve("idx")).files().get(0);
    assertEquals(f.toString(), recorded.path());
    assertEquals(Files.size(f), recorded.size());
    assertEquals(5000, recorded.lines());
    assertEquals(T0, recorded.firstEvent());
    assertEquals(T0 + 4999_000L, recorded.lastEvent());
    assertEquals("pipe-test", recorded.format());
    assertEquals(Sha256.of(f), recorded.sha256());
  }

  @Test
  void reingestingTheSameFolderAddsNothing() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("case"));
    Files.write(dir.resolve("a.log"), lines(100, 0));
    Files.write(dir.resolve("b.log"), lines(100, 100));
    Path idx = tmp.resolve("idx");
    ingest(idx, List.of(dir.toString()));
    assertEquals(200, docCount(idx));
    IngestSummary again = ingest(idx, List.of(dir.toString()));
    assertEquals(2, again.count(FileResult.Outcome.SKIPPED_DUPLICATE));
    assertEquals(200, docCount(idx));
    Files.write(dir.resolve("c.log"), lines(50, 200));
    IngestSummary third = ingest(idx, List.of(dir.toString()));
    assertEquals(1, third.count(FileResult.Outcome.INGESTED));
    assertEquals(250, docCount(idx));
  }

  @Test
  void renamedCopyIsRecognisedByContent() throws IOException {
    Path a = tmp.resolve("a.log");
    Files.write(a, lines(10, 0));
    Path idx = tmp.resolve("idx");
    ingest(idx, List.of(a.toString()));
    Path copy = Files.copy(a, tmp.resolve("renamed.log"));
    IngestSummary s = ingest(idx, List.of(copy.toString()));
    assertEquals(FileResult.Outcome.SKIPPED_DUPLICATE, s.files().get(0).outcome());
    assertEquals("already ingested as " + a + " (same content)", s.files().get(0).message());
  }

  @Test
  void malformedLinesAreRejectedWithFileLineAndReasonAndTheRestIndexed() throws IOException {
    List<String> l = new ArrayList<>(lines(10, 0));
    l.add(3, "BAD line with mobile 9876543210");
    l.add(7, "");
    Path f = tmp.resolve("mixed.log");
    Files.write(f, l);
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(f.toString()));
    assertEquals(10, s.eventsIndexed());
    assertEquals(1, s.totalRejects());
    Reject r = s.rejects().get(0);
    assertEquals(f.toString(), r.file());
    assertEquals(4, r.line());
    assertEquals("expected 9 fields; got 1", r.reason());
    assertFalse(r.excerpt().contains("9876543210"), r.excerpt());
    String rejectsFile = Files.readString(tmp.resolve("rejects.tsv"));
    assertTrue(rejectsFile.startsWith(f + "\t4\texpected 9 fields; got 1\tBAD line with mobile ps-"), rejectsFile);
  }

  @Test
  void readsMultiMemberGzipDetectedByContent() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (List<String> part : List.of(lines(30, 0), lines(20, 30))) {
      try (OutputStream gz = new GZIPOutputStream(bytes)) {
        gz.write((String.join("\n", part) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path f = tmp.resolve("rotated.log.1");
    Files.write(f, bytes.toByteArray());
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(f.toString()));
    assertEquals(50, s.eventsIndexed());
  }

  @Test
  void truncatedGzipKeepsTheLinesBeforeTheCutAndReportsTheFile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write((String.join("\n", lines(20000, 0)) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Path f = tmp.resolve("cut.log.gz");
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    Path good = tmp.resolve("good.log");
    Files.write(good, lines(5, 50000));
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(f.toString(), good.toString()));
    assertTrue(s.hasFailures());
    FileResult cut = s.files().get(0);
    assertEquals(FileResult.Outcome.FAILED, cut.outcome());
    assertTrue(cut.message().contains("ends early or is corrupt"), cut.message());
    long kept = cut.file().events();
    assertTrue(kept > 1000 && kept < 20000, "kept " + kept);
    assertEquals(kept + 5, docCount(tmp.resolve("idx")));
  }

  @Test
  void missingInputIsReportedAndOthersStillIngested() throws IOException {
    Path good = tmp.resolve("good.log");
    Files.write(good, lines(5, 0));
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(tmp.resolve("nope.log").toString(), good.toString()));
    assertEquals("no such file or folder: " + tmp.resolve("nope.log"), s.files().get(0).message());
    assertEquals(5, s.eventsIndexed());
  }

  @Test
  void walkedFolderSkipsFilesInNoKnownFormat() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("case"));
    Files.write(dir.resolve("a.log"), lines(5, 0));
    Files.writeString(dir.resolve("README.md"), "# A case\n\nstory\n");
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(dir.toString()));
    assertFalse(s.hasFailures());
    assertEquals(1, s.count(FileResult.Outcome.SKIPPED_NOT_A_LOG));
  }

  @Test
  void overlongLineIsRejected() throws IOException {
    List<String> l = new ArrayList<>(lines(3, 0));
    l.add(1, "x".repeat(10_000));
    Path f = tmp.resolve("long.log");
    Files.write(f, l);
    IngestSummary s = ingest(tmp.resolve("idx"), List.of(f.toString()));
    assertEquals(3, s.eventsIndexed());
    assertEquals("line longer than 4096 bytes", s.rejects().get(0).reason());
    assertEquals(2, s.rejects().get(0).line());
  }

  @Test
  void noClearIdentifierReachesTheIndexDirectory() throws IOException {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      l.add(PipeTestFormat.line(T0 + i, "198.51.100.9", "GET", "/api/v2/vaccinator/beneficiary/search",
          "mobile=98765" + (43210 + i) + "&x=1", 200, "vacc-7", "98765" + (43210 + i), "Mozilla/5.0"));
      l.add(PipeTestFormat.line(T0 + i, "198.51.100.9", "GET", "/api/v2/partner/beneficiary/lookup",
          "aadhaar=2345678" + (90000 + i), 200, "partner-1", "-", "Java/17"));
    }
    Path f = tmp.resolve("pii.log");
    Files.write(f, l);
    Path idx = tmp.resolve("idx");
    ingest(idx, List.of(f.toString()));
    List<String> clear = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      clear.add("98765" + (43210 + i));
      clear.add("2345678" + (90000 + i));
    }
    try (Stream<Path> files = Files.list(idx)) {
      for (Path p : files.toList()) {
        String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        for (String c : clear) {
          assertFalse(content.contains(c), "clear identifier " + c + " found in " + p);
        }
      }
    }
  }

  @Test
  void secondWriterGetsIndexInUseError() throws IOException {
    Path idx = tmp.resolve("idx");
    try (IndexWriter first = EventIndex.openWriter(idx)) {
      UserException e = assertThrows(UserException.class, () -> EventIndex.openWriter(idx));
      assertEquals(ExitCodes.INDEX_LOCKED, e.exitCode());
      assertTrue(e.getMessage().startsWith("index " + idx + " is in use by another analyzer process"), e.getMessage());
    }
  }

  @Test
  void wrongKeyIsRefused() throws IOException {
    Path f = tmp.resolve("a.log");
    Files.write(f, lines(3, 0));
    Path idx = tmp.resolve("idx");
    ingest(idx, List.of(f.toString()));
    Path otherKey = tmp.resolve("other.key");
    UserException e = assertThrows(UserException.class, () ->
        Ingestor.run(idx, otherKey, List.of(f.toString()), config(1), ProgressListener.NONE, m -> {}));
    assertTrue(e.getMessage().startsWith("case key " + otherKey + " is not the key index " + idx + " was built with"), e.getMessage());
  }

  @Test
  void keyFileIsCreatedOwnerOnlyAndOutsideTheIndex() throws IOException {
    Path f = tmp.resolve("a.log");
    Files.write(f, lines(3, 0));
    List<String> notices = new ArrayList<>();
    Ingestor.run(tmp.resolve("idx"), tmp.resolve("case.key"), List.of(f.toString()), config(1), ProgressListener.NONE,
        notices::add);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("case.key"))));
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).startsWith("created a new case key in " + tmp.resolve("case.key")));
    IndexManifest m = EventIndex.readManifest(tmp.resolve("idx"));
    assertEquals(org.apiaudit.privacy.CaseKey.load(tmp.resolve("case.key")).fingerprint(), m.keyFingerprint());
    assertFalse(Files.exists(tmp.resolve("idx").resolve("case.key")), "key must live outside the index");
  }
}
