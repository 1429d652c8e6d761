package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.apiaudit.ingest.format.FormatChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken edge-log lines, in files whose format is detected, are rejected naming file and line. */
class EdgeLogRejectsTest {
  @TempDir Path tmp;

  private IngestSummary ingest(Path file) throws IOException {
    IngestConfig config = new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, 1, 1 << 16, null, IngestConfig.EventTimes.DEFAULT);
    return Ingestor.run(tmp.resolve("idx"), tmp.resolve("case.key"), List.of(file.toString()), config,
        ProgressListener.NONE, m -> {});
  }

  @Test
  void aSyslogWrappedFileRejectsItsBrokenLineByFileAndLine() throws IOException {
    String ok = "Sep 15 16:13:46 web1 nginx[2869]: 81.150.104.130 - - [15/Sep/2021:16:13:46 +0000] "
        + "\"POST /wp-login.php HTTP/1.1\" 200 5364 \"-\" \"Mozilla/5.0\"";
    Path f = tmp.resolve("syslog.log");
    Files.write(f, List.of(ok, ok, "Sep 15 16:13:47 web1 nginx[2869]: 81.150.104.130 - - [15/Sep/2021:16:13:47", ok));
    IngestSummary s = ingest(f);
    assertEquals(3, s.eventsIndexed());
    assertEquals(1, s.totalRejects());
    Reject r = s.rejects().get(0);
    assertEquals(f.toString(), r.file());
    assertEquals(3, r.line());
    assertEquals("expected '] \"' after $time_local at column 55", r.reason());
  }

  @Test
  void anNginxErrorLogRejectsALineWithoutLevel() throws IOException {
    String ok = "2021/09/30 09:23:53 [error] 1925800#1925800: *17 user \"foo\" was not found in \"/tmp/a.htpasswd\", "
        + "client: 127.0.0.1, server: _, request: \"GET / HTTP/1.1\", host: \"localhost\"";
    Path f = tmp.resolve("error.log");
    Files.write(f, List.of(ok, "2021/09/30 09:23:54 error without brackets", ok));
    IngestSummary s = ingest(f);
    assertEquals(2, s.eventsIndexed());
    Reject r = s.rejects().get(0);
    assertEquals(f.toString() + ":2", r.file() + ":" + r.line());
    assertEquals("expected ' [level]' at column 20", r.reason());
  }
}
