package org.apiaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run, one day per format, so that all formats share one population and timeline. */
class OutputFormatTest {
  private static final long SEED = 5;
  @TempDir static Path tmp;
  private static SimulationResult result;

  @BeforeAll
  static void simulate() {
    SimulationConfig config = SimulationConfig.builder().outputDirectory(tmp).days(5)
        .scale(SimRun.TEST_SCALE).seed(SEED)
        .formatByDay(List.of(DayFormat.parse("gateway.gz"), DayFormat.parse("json"),
            DayFormat.parse("csv"), DayFormat.parse("combined"), DayFormat.parse("w3c")))
        .scenarios(List.of(ScenarioSpec.parse("bola:subjects=30,start=2023-06-06T10:00"),
            ScenarioSpec.parse("distributed:subjects=40,start=2023-06-07T00:00,duration=12h")))
        .build();
    result = new TrafficSimulator(config).run();
  }

  @Test
  void writesOneFilePerDayNamedByFormat() {
    List<String> names = new ArrayList<>();
    result.files().forEach(f -> names.add(f.getFileName().toString()));
    assertEquals(List.of("gateway-2023-06-06.log.gz", "gateway-2023-06-07.jsonl",
        "siem-export-2023-06-08.csv", "access-2023-06-09.log", "cloudfront-2023-06-10.log"),
        names);
  }

  @Test
  void everyGzippedGatewayLineHasFifteenFields() throws IOException {
    List<String> lines = read(result.files().get(0));
    assertTrue(lines.size() > 1000, "lines: " + lines.size());
    for (String line : lines) {
      assertEquals(GatewayLine.FIELDS, GatewayLine.fields(line).size(), line);
    }
  }

  @Test
  void everyJsonLineHasTheDocumentedKeysInOrder() throws IOException {
    List<String> expected = List.of("ts", "request_id", "client_ip", "xff", "method", "path",
        "query", "status", "bytes", "latency_ms", "user_agent", "referrer", "waf", "auth",
        "type", "principal", "facility", "district", "subject");
    JsonFactory factory = new JsonFactory();
    for (String line : read(result.files().get(1))) {
      List<String> keys = new ArrayList<>();
      try (JsonParser p = factory.createParser(line)) {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          if (t == JsonToken.FIELD_NAME) {
            keys.add(p.currentName());
          }
        }
      }
      assertEquals(expected, keys, line);
    }
  }

  @Test
  void everyCsvRowHasTenFieldsUnderTheHeader() throws IOException {
    List<String> lines = read(result.files().get(2));
    assertEquals(SiemCsvFormatter.HEADER, lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(10, csvFields(line).size(), line);
    }
  }

  @Test
  void everyCombinedLineHasNineFields() throws IOException {
    for (String line : read(result.files().get(3))) {
      assertEquals(9, GatewayLine.fields(line).size(), line);
    }
  }

  @Test
  void everyW3cLineHasElevenTabSeparatedFieldsAfterTheDirectives() throws IOException {
    List<String> lines = read(result.files().get(4));
    assertEquals("#Version: 1.0", lines.get(0));
    assertEquals("#Fields: " + W3cFormatter.FIELDS, lines.get(1));
    for (String line : lines.subList(2, lines.size())) {
      String[] f = line.split("\t", -1);
      assertEquals(11, f.length, line);
      assertTrue(!f[9].contains(" "), "user agent is URL-encoded: " + line);
    }
  }

  @Test
  void csvQuotesUserAgentsThatHoldCommas() throws IOException {
    String chrome = UserAgents.BROWSERS[0].text;
    assertTrue(read(result.files().get(2)).stream()
        .anyMatch(l -> l.contains(",\"" + chrome + "\",")));
  }

  private static List<String> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream data = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return List.of(new String(data.readAllBytes(), StandardCharsets.US_ASCII).split("\n"));
    }
  }

  /** RFC 4180 fields of one line (no embedded newlines in our output). */
  private static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    fields.add(cur.toString());
    return fields;
  }
}
