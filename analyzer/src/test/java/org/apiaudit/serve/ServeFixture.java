package org.apiaudit.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apiaudit.cli.CliRun;
import org.apiaudit.detect.findings.CaseFindings;

/**
 * A small case for the serve tests: the first 2,000 lines of the incident sample's first day,
 * plus four requests from one address whose user agents and principal are hostile (a script
 * tag, an attribute breakout with an onerror image, a spreadsheet formula), ingested with the
 * real CLI; and a findings.json naming that address as a scraper with a hostile evidence line.
 */
final class ServeFixture {
  static final String HOSTILE_IP = "198.51.100.66";
  static final String SCRIPT_UA = "<script>window.pwned=1</script>";
  static final String BREAKOUT_UA = "\"><img src=x onerror=\"window.pwned=2\">";
  static final String FORMULA_UA = "=HYPERLINK(\"http://evil.example/\",\"click\")";
  static final String HOSTILE_PRINCIPAL = "\"><svg/onload=window.pwned=3>";
  /** A subject in the slice (line 2 of the sample), to find by number. */
  static final String KNOWN_MOBILE = "9336159030";
  static final int SLICE_LINES = 2000;
  static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

  final Path dir;
  final Path index;
  final Path log;

  private ServeFixture(Path dir) {
    this.dir = dir;
    this.index = dir.resolve("index");
    this.log = dir.resolve("logs").resolve("gateway-slice.log");
  }

  static ServeFixture build(Path dir) throws IOException {
    ServeFixture f = new ServeFixture(dir);
    Files.createDirectories(f.log.getParent());
    List<String> lines = new ArrayList<>(slice());
    String[] uas = {SCRIPT_UA, BREAKOUT_UA.replace("\"", "\\x22"), FORMULA_UA.replace("\"", "\\x22"), SCRIPT_UA};
    for (int i = 0; i < uas.length; i++) {
      lines.add(HOSTILE_IP + " - - [05/Jun/2023:00:45:0" + i + " +0530] \"GET /api/v2/partner/beneficiary/lookup?mobile=98"
          + (76543210 + i) + " HTTP/1.1\" 200 934 \"-\" \"" + uas[i] + "\" 0.074 \"-\" ffee0000000" + i + " partner "
          + HOSTILE_PRINCIPAL + " 98" + (76543210 + i));
    }
    Files.write(f.log, lines, StandardCharsets.UTF_8);
    CliRun run = CliRun.of("ingest", f.log.toString(), "-i", f.index.toString());
    if (run.exitCode() != 0) {
      throw new IllegalStateException("fixture ingest failed: " + run.err());
    }
    new ObjectMapper().writeValue(dir.resolve("findings.json").toFile(), f.findings());
    return f;
  }

  /** Line number (1-based) of the i-th hostile request in the slice file. */
  static long hostileLine(int i) {
    return SLICE_LINES + 1 + i;
  }

  AuditServer start() throws IOException {
    return start(InetAddress.getLoopbackAddress(), null);
  }

  AuditServer start(InetAddress bind, AccessToken token) throws IOException {
    return AuditServer.start(new ServeConfig(index, org.apiaudit.privacy.CaseKey.defaultFileFor(index), null, bind, 0,
        token, ZONE, Duration.ofSeconds(30)));
  }

  private static List<String> slice() throws IOException {
    Path root = Paths.get(System.getProperty("project.root", "..")).toAbsolutePath();
    Path gz = root.resolve("sample-logs/incident-2023-06/gateway-2023-06-05.log.gz");
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null && out.size() < SLICE_LINES; line = r.readLine()) {
        out.add(line);
      }
    }
    return out;
  }

  private CaseFindings findings() {
    long t = 1685906100000L; // 2023-06-05T00:45:00+05:30
    CaseFindings.Evidence evidence = new CaseFindings.Evidence(log.toString(), hostileLine(0), t,
        "masked line with " + SCRIPT_UA);
    CaseFindings.RuleHit rule = new CaseFindings.RuleHit("r-1", "Partner lookups of many subjects <b>fast</b>", "high",
        4, 3, "gt", t, t + 3000);
    CaseFindings.ActorFinding actor = new CaseFindings.ActorFinding("ip", HOSTILE_IP, List.of(), "scraping", 0.9,
        List.of(rule), t, t + 3000, 4, 4, Map.of(), Map.of(), List.of(HOSTILE_IP), List.of(SCRIPT_UA), List.of(evidence));
    CaseFindings.Incident incident = new CaseFindings.Incident("INC-1", "scraping", "Lookups from " + BREAKOUT_UA, 0.9,
        List.of(new CaseFindings.Window("2023-06-04T19:15:00Z", "2023-06-04T19:15:03Z")), List.of("ip:" + HOSTILE_IP),
        List.of(new CaseFindings.Indicator("user-agent", FORMULA_UA, "2023-06-04T19:15:00Z", "2023-06-04T19:15:03Z", 1)),
        List.of(), 4, 4, Map.of(), 4, List.of(evidence), List.of(rule.title()), true);
    CaseFindings.Conclusion conclusion = new CaseFindings.Conclusion("direct-api-scraping-evidenced", true, false, 0.9,
        "One address scraped partner lookups.", 4, Map.of(), t, t + 3000, List.of());
    CaseFindings.Coverage coverage = new CaseFindings.Coverage(t, t, SLICE_LINES + 4, 4, Map.of(), List.of(), List.of(), 1, List.of());
    return new CaseFindings(CaseFindings.SCHEMA_VERSION, conclusion, coverage, List.of(incident), List.of(actor),
        List.of(), null);
  }
}
