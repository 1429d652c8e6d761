package org.apiaudit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.format.FormatRegistry;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicLogRepeaterTest {
  private static final Path APACHE_LOGS = Path.of("src/test/resources/external/apache_logs");

  @TempDir Path dir;

  private Path threeLines() throws IOException {
    Path src = dir.resolve("access.log");
    Files.write(src, List.of(
        "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 10 \"-\" \"ua\"",
        "1.2.3.5 - - [17/May/2015:10:05:01 +0000] \"GET /b HTTP/1.1\" 404 20 \"-\" \"ua\"",
        "1.2.3.6 - - [17/May/2015:10:05:09 +0000] \"GET /c HTTP/1.1\" 200 30 \"-\" \"ua\""));
    return src;
  }

  @Test
  void writesWholeCopiesUntilEnoughLines() throws IOException {
    PublicLogRepeater r = PublicLogRepeater.of(threeLines());
    assertEquals(3, r.linesPerCopy());
    assertEquals(9, r.write(dir.resolve("out.log"), 7));
    assertEquals(9, Files.readAllLines(dir.resolve("out.log")).size());
  }

  @Test
  void shiftsEachCopyPastThePreviousAndKeepsTheRestOfTheLine() throws IOException {
    PublicLogRepeater r = PublicLogRepeater.of(threeLines());
    assertEquals(9, r.spanSeconds(), "10:05:01 to 10:05:09, plus one second");
    r.write(dir.resolve("out.log"), 6);
    List<String> out = Files.readAllLines(dir.resolve("out.log"));
    assertEquals("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 10 \"-\" \"ua\"", out.get(0));
    assertEquals("1.2.3.4 - - [17/May/2015:10:05:12 +0000] \"GET /a HTTP/1.1\" 200 10 \"-\" \"ua\"", out.get(3));
    assertEquals("1.2.3.5 - - [17/May/2015:10:05:10 +0000] \"GET /b HTTP/1.1\" 404 20 \"-\" \"ua\"", out.get(4));
  }

  @Test
  void theFixtureRepeatedParsesAsCombinedWithEveryCopyAfterThePrevious() throws IOException {
    PublicLogRepeater r = PublicLogRepeater.of(APACHE_LOGS);
    Path out = dir.resolve("public.log");
    long written = r.write(out, r.linesPerCopy() + 1);
    assertEquals(2L * r.linesPerCopy(), written);
    List<String> lines = Files.readAllLines(out, StandardCharsets.ISO_8859_1);
    assertEquals("combined", FormatRegistry.detect(lines.subList(0, 16), ZoneOffset.UTC).name());
    FileSession session = FormatRegistry.byName("combined", ZoneOffset.UTC).startFile();
    long firstCopyMax = Long.MIN_VALUE;
    long secondCopyMin = Long.MAX_VALUE;
    for (int i = 0; i < lines.size(); i++) {
      Event e = new Event();
      LineParser parser = session.parserFor(lines.get(i));
      assertNull(parser.parse(lines.get(i), e), "line " + (i + 1) + " parses");
      long t = e.getLong(Field.TIMESTAMP);
      if (i < r.linesPerCopy()) {
        firstCopyMax = Math.max(firstCopyMax, t);
      } else {
        secondCopyMin = Math.min(secondCopyMin, t);
      }
    }
    assertTrue(secondCopyMin > firstCopyMax, "the second copy starts after the first ends");
  }

  @Test
  void refusesALineWithoutATimeNamingFileAndLine() throws IOException {
    Path src = dir.resolve("bad.log");
    Files.write(src, List.of("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1", "no time here"));
    IOException e = assertThrows(IOException.class, () -> PublicLogRepeater.of(src));
    assertEquals(src + ":2: no [dd/MMM/yyyy:HH:mm:ss Z] time to shift", e.getMessage());
  }
}
