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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.format.FormatRegistry;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HighCardinalityLogTest {
  private static final int LINES = 20_000;

  @TempDir Path dir;

  /** Every line parsed by the gateway preset, as ingest reads it. */
  private List<Event> parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    assertEquals("gateway", FormatRegistry.detect(lines.subList(0, 16), ZoneOffset.UTC).name(),
        "the generated lines are detected as the gateway format");
    FileSession session = FormatRegistry.byName("gateway", ZoneOffset.UTC).startFile();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Event e = new Event();
      LineParser parser = session.parserFor(lines.get(i));
      assertNull(parser.parse(lines.get(i), e), "line " + (i + 1) + " parses: " + lines.get(i));
      events.add(e);
    }
    return events;
  }

  private static long distinct(List<Event> events, Field f) {
    Set<String> values = new HashSet<>();
    events.forEach(e -> values.add(e.get(f)));
    return values.size();
  }

  @Test
  void writesExactlyTheLinesAskedFor() throws IOException {
    Path file = dir.resolve("hc.log");
    new HighCardinalityLog(HighCardinalityLog.Rates.ALL_UNIQUE, 1).write(file, 1234);
    assertEquals(1234, Files.readAllLines(file).size());
  }

  @Test
  void everyLineHasItsOwnAddressPrincipalSubjectAndRequestId() throws IOException {
    Path file = dir.resolve("hc.log");
    new HighCardinalityLog(HighCardinalityLog.Rates.ALL_UNIQUE, 1).write(file, LINES);
    List<Event> events = parse(file);
    for (Field f : List.of(Field.SOURCE_IP, Field.PRINCIPAL, Field.SUBJECT_ID, Field.REQUEST_ID)) {
      assertEquals(LINES, distinct(events, f), f + " is unique per line");
    }
  }

  @Test
  void linesAreInTimeOrderAndSpreadOverTheDay() throws IOException {
    Path file = dir.resolve("hc.log");
    new HighCardinalityLog(HighCardinalityLog.Rates.ALL_UNIQUE, 1).write(file, LINES);
    List<Event> events = parse(file);
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i).getLong(Field.TIMESTAMP) >= events.get(i - 1).getLong(Field.TIMESTAMP),
          "line " + (i + 1) + " is not earlier than the line before");
    }
    assertEquals(HighCardinalityLog.START.toEpochMilli() / 1000 * 1000, events.get(0).getLong(Field.TIMESTAMP));
    assertEquals((HighCardinalityLog.START.toEpochMilli() + (LINES - 1) * HighCardinalityLog.STEP_MILLIS) / 1000 * 1000,
        events.get(LINES - 1).getLong(Field.TIMESTAMP));
  }

  @Test
  void aRateOfZeroDrawsFromThePoolAndLeavesTheOtherFieldsUnique() throws IOException {
    Path file = dir.resolve("hc.log");
    new HighCardinalityLog(new HighCardinalityLog.Rates(0, 1, 0.5, 1), 7).write(file, LINES);
    List<Event> events = parse(file);
    assertTrue(distinct(events, Field.SOURCE_IP) <= HighCardinalityLog.POOL, "addresses come from the pool");
    assertEquals(LINES, distinct(events, Field.PRINCIPAL));
    long subjects = distinct(events, Field.SUBJECT_ID);
    assertTrue(subjects > LINES * 0.45 && subjects < LINES * 0.55 + HighCardinalityLog.POOL,
        "about half the subjects fresh: " + subjects);
  }

  @Test
  void theSameSeedWritesTheSameFile() throws IOException {
    Path a = dir.resolve("a.log");
    Path b = dir.resolve("b.log");
    new HighCardinalityLog(new HighCardinalityLog.Rates(0.3, 0.3, 0.3, 1), 5).write(a, 2000);
    new HighCardinalityLog(new HighCardinalityLog.Rates(0.3, 0.3, 0.3, 1), 5).write(b, 2000);
    assertEquals(-1, Files.mismatch(a, b));
  }

  @Test
  void scrambleIsOneToOneOnItsRange() {
    for (long range : new long[] {1000, 1024, 4097}) {
      Set<Long> seen = new HashSet<>();
      for (long k = 0; k < range; k++) {
        long v = HighCardinalityLog.scramble(k, range, 3);
        assertTrue(v >= 0 && v < range, v + " within [0, " + range + ")");
        seen.add(v);
      }
      assertEquals(range, seen.size(), "every key of [0, " + range + ") has its own value");
    }
  }

  @Test
  void rejectsARateOutsideZeroToOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HighCardinalityLog.Rates(1.5, 1, 1, 1));
    assertEquals("unique ip rate must be between 0 and 1; got: 1.5", e.getMessage());
  }
}
