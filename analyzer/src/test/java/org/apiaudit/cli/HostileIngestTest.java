package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
