package org.apiaudit.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.UserException;
import org.apiaudit.ingest.FormatDetection;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatRegistryTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static String detected(String... lines) {
    var f = FormatRegistry.detect(List.of(lines), UTC);
    return f == null ? null : f.name();
  }

  @Test
  void listsPresetsInPriorityOrder() {
    assertEquals(
        List.of("gateway", "combined", "common", "vhost-combined", "nginx-error", "gateway-json", "caddy",
            "traefik", "envoy", "siem-csv", "apache-csv", "w3c"),
        FormatRegistry.names());
  }

  @Test
  void refusesUnknownNameListingKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FormatRegistry.byName("x", UTC));
    assertEquals(
        "unknown format 'x'; known: gateway, combined, common, vhost-combined, nginx-error, gateway-json, caddy,"
            + " traefik, envoy, siem-csv, apache-csv, w3c (each also as syslog+NAME)",
        e.getMessage());
  }

  @Test
  void detectsEachPresetFromItsFirstLines() {
    assertEquals("gateway", detected(NginxFormatTest.GATEWAY_EXAMPLE));
    assertEquals("combined", detected("10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"UA\""));
    assertEquals("common", detected("10.1.2.3 - - [10/Jun/2023:14:22:01 +0000] \"GET / HTTP/1.1\" 200 5"));
    assertEquals("gateway-json", detected(JsonLinesFormatTest.GATEWAY_JSON));
    assertEquals("siem-csv", detected("timestamp,client_ip,method,url,status,bytes,user_agent,auth_type,principal,subject"));
    assertEquals("w3c", detected("#Version: 1.0", "#Fields: date time c-ip"));
    assertNull(detected("hello world", "not a log"));
    assertNull(detected());
  }

  @Test
  void detectsGatewayTextWhoseUserAgentIsJsonBeyondJacksonsLimits() {
    String hostileUa = "{\"x\":" + "[".repeat(1001); // from the '{' on, JSON nested 1001 deep
    String line = NginxFormatTest.GATEWAY_EXAMPLE.replace("\"okhttp/4.9.2\"", "\"" + hostileUa + "\"");
    assertTrue(line.contains(hostileUa), "the example carries the user agent");
    assertEquals("gateway", detected(line, NginxFormatTest.GATEWAY_EXAMPLE));
  }

  /** Sixteen gateway lines, the 4th and 11th cut after the user agent (their tail lost). */
  static List<String> gatewayWithTwoBrokenTails() {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String line = NginxFormatTest.GATEWAY_EXAMPLE.replace("14:22:01", String.format("14:22:%02d", i));
      lines.add(i == 3 || i == 10 ? line.substring(0, line.indexOf(" 0.087")) : line);
    }
    return lines;
  }

  @Test
  void prefersTheRicherTextFormatMostLinesFitAndWarnsThatTwoFit() {
    List<String> lines = gatewayWithTwoBrokenTails();
    FormatDetection d = FormatRegistry.detection(lines, UTC);
    assertEquals("gateway", d.format().name(), "not combined, which would drop auth, principal and subject");
    assertEquals("its lines fit two formats: 14 of the first 16 are gateway, 16 are combined; read as gateway (the"
        + " richer format most of them fit), so the lines that are not gateway are rejected; name the format with"
        + " --format if that is wrong", d.warning());
  }

  @Test
  void aCleanGatewayFileIsDetectedWithoutWarning() {
    List<String> lines = java.util.Collections.nCopies(16, NginxFormatTest.GATEWAY_EXAMPLE);
    FormatDetection d = FormatRegistry.detection(lines, UTC);
    assertEquals("gateway", d.format().name());
    assertNull(d.warning());
  }

  @Test
  void aFileMostlyCombinedIsReadAsCombinedWithAWarningNamingGateway() {
    List<String> lines = new java.util.ArrayList<>(gatewayWithTwoBrokenTails());
    for (int i = 0; i < 10; i++) {
      String l = lines.get(i);
      lines.set(i, l.contains(" 0.087") ? l.substring(0, l.indexOf(" 0.087")) : l);
    }
    FormatDetection d = FormatRegistry.detection(lines, UTC);
    assertEquals("combined", d.format().name(), "only 5 of 16 lines are gateway lines");
    assertTrue(d.warning().startsWith("its lines fit two formats: 16 of the first 16 are combined, 5 are gateway;"
        + " read as combined,"), d.warning());
  }

  @Test
  void compilesUserNginxFormat() {
    Event e = new Event();
    var f = (NginxFormat) FormatRegistry.nginx("$remote_addr $status", UTC);
    assertNull(f.parser().parse("10.0.0.1 503", e));
    assertEquals(503L, e.getLong(Field.STATUS));
  }

  @Test
  void readsCsvMappingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("export.json");
    Files.writeString(file, "{\"fields\":{\"@timestamp\":\"When\",\"ip\":\"Who\",\"url\":\"What\"}}");
    var csv = FormatRegistry.csvMapping(file, UTC);
    assertEquals("export", csv.name());
    Event e = ParseRun.of(csv, "What,When,Who", "/p?q,2023-06-10T09:00:00Z,10.0.0.9").only();
    assertEquals("10.0.0.9", e.get(Field.SOURCE_IP));
    assertEquals("/p", e.get(Field.URL_PATH));
    assertEquals("q", e.get(Field.URL_QUERY));
  }

  @Test
  void mappingFileErrorsNameFileAndKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"fields\":{\"@timestamp\":\"ts\",\"colour\":\"c\"}}");
    UserException e = assertThrows(UserException.class, () -> FormatRegistry.jsonMapping(file, UTC));
    assertEquals(
        "mapping file " + file + ": key 'fields.colour': unknown field 'colour'; known: "
            + FieldMapping.Builder.knownNames(),
        e.getMessage());

    Files.writeString(file, "{\"time\":\"rfc822\",\"fields\":{\"@timestamp\":\"ts\"}}");
    e = assertThrows(UserException.class, () -> FormatRegistry.jsonMapping(file, UTC));
    assertEquals(
        "mapping file " + file + ": key 'time' must be iso8601, epoch_s or epoch_ms; got: rfc822",
        e.getMessage());

    Files.writeString(file, "{\"fields\":{\"ip\":\"addr\"}}");
    e = assertThrows(UserException.class, () -> FormatRegistry.jsonMapping(file, UTC));
    assertEquals(
        "mapping file " + file + ": no source for '@timestamp': every event needs a time",
        e.getMessage());

    Files.writeString(file, "{\"fields\":{\"@timestamp\":\"ts\",\"subject.kind\":\"k\"}}");
    e = assertThrows(UserException.class, () -> FormatRegistry.jsonMapping(file, UTC));
    assertEquals(
        "mapping file " + file + ": key 'fields.subject.kind': field 'subject.kind' is derived by the"
            + " normalizer and cannot be mapped; known: " + FieldMapping.Builder.knownNames(),
        e.getMessage());

    Files.writeString(file, "{\"feilds\":{}}");
    e = assertThrows(UserException.class, () -> FormatRegistry.jsonMapping(file, UTC));
    assertEquals(
        "mapping file " + file + ": unknown key 'feilds'; known: name, time, latency_unit, time_zone, fields",
        e.getMessage());
  }
}
