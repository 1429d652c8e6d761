package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@code --mapping} file reads CSV and JSON-lines logs alike: each log's lines say which, not the mapping's name. */
class MappingByContentTest {
  @TempDir Path tmp;

  @Test
  void aMappingNamedJsonReadsACsvLogAndAJsonLinesLog() throws IOException {
    Path mapping = Files.writeString(tmp.resolve("my-gateway.json"), "{\"name\": \"my-gateway\", \"time\": \"iso8601\","
        + " \"fields\": {\"@timestamp\": \"ts\", \"source.ip\": \"client\", \"url\": \"uri\","
        + " \"http.response.status_code\": \"status\"}}");
    Path csv = Files.write(tmp.resolve("export.txt"), List.of("ts,client,uri,status",
        "2023-06-10T11:00:00+05:30,203.0.113.7,/api/v2/admin/location/states,200",
        "2023-06-10T11:00:01+05:30,203.0.113.8,/api/v2/admin/location/states,404"));
    Path jsonl = Files.write(tmp.resolve("export.log"), List.of(
        "{\"ts\":\"2023-06-10T12:00:00+05:30\",\"client\":\"198.51.100.1\",\"uri\":\"/api/v2/x?a=1\",\"status\":200}"));
    String idx = tmp.resolve("idx").toString();
    CliRun r = CliRun.of("ingest", csv.toString(), jsonl.toString(), "-i", idx, "--mapping", mapping.toString(),
        "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"events\":3,"), r.out());
    assertEquals(2, CliRun.of("search", "-i", idx, "ip:203.0.113.0/24", "-o", "jsonl").out().lines().count());
  }
}
