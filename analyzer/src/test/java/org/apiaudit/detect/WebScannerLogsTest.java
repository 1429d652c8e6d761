package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: public web-scanner test logs (the CrowdSec hub's {@code .tests} logs, MIT, under
 * {@code src/test/resources/crowdsec-hub/}) are ingested through format auto-detection and run
 * through the whole built-in rule pack, one log per index as the hub tests them. Each
 * behaviour must be flagged for the address the hub expects, by the rule of its kind, and
 * every other address in the same log must not be flagged by anything.
 */
class WebScannerLogsTest {
  private static final String DIR = "/crowdsec-hub/";
  private static RuleSet rules;

  @TempDir Path tmp;

  @BeforeAll
  static void loadRules() {
    rules = new RuleLoader().load(RulePackTest.rulesDir());
  }

  /** Flagged addresses of one log and the titles of the rules that fired for each. */
  private Map<String, Set<String>> flagged(String mapping, String... logs) throws IOException {
    Path run = Files.createTempDirectory(tmp, "run");
    List<String> inputs = new ArrayList<>();
    for (String log : logs) {
      Path f = run.resolve(log);
      try (InputStream in = WebScannerLogsTest.class.getResourceAsStream(DIR + log)) {
        Files.copy(in, f);
      }
      inputs.add(f.toString());
    }
    Path mappingFile = null;
    if (mapping != null) {
      mappingFile = run.resolve(mapping);
      try (InputStream in = WebScannerLogsTest.class.getResourceAsStream(DIR + mapping)) {
        Files.copy(in, mappingFile);
      }
    }
    IngestConfig config = new IngestConfig(FormatChoice.of(null, null, mappingFile, ZoneOffset.UTC),
        EndpointTable.defaults(), EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, 1, 1 << 20, null,
        IngestConfig.EventTimes.DEFAULT);
    Path index = run.resolve("index");
    IngestSummary summary = Ingestor.run(index, run.resolve("case.key"), inputs, config, ProgressListener.NONE, m -> {});
    assertEquals(0, summary.totalRejects(), "every line of " + List.of(logs) + " reads: " + summary.rejects());
    assertTrue(summary.eventsIndexed() > 0);
    CaseFindings findings;
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      findings = new DetectionService().detect(reader, rules, TimeWindow.ALL, List.of());
    }
    Map<String, Set<String>> out = new TreeMap<>();
    for (CaseFindings.ActorFinding a : findings.actors()) {
      if (a.kind().equals("ip") && !a.rules().isEmpty()) {
        Set<String> titles = out.computeIfAbsent(a.value(), k -> new TreeSet<>());
        a.rules().forEach(r -> titles.add(r.title()));
      }
    }
    return out;
  }

  private void expect(String log, String rule, String... addresses) throws IOException {
    expectWith(null, new String[] {log}, rule, addresses);
  }

  private void expectWith(String mapping, String[] logs, String rule, String... addresses) throws IOException {
    Map<String, Set<String>> flagged = flagged(mapping, logs);
    assertEquals(new TreeSet<>(List.of(addresses)), flagged.keySet(),
        List.of(logs) + ": flagged addresses (and why): " + flagged);
    for (String a : addresses) {
      assertTrue(flagged.get(a).contains(rule), List.of(logs) + ": " + a + " not flagged by '" + rule + "': " + flagged);
    }
  }

  @Test
  void probingBurst() throws IOException {
    expect("apache-http-probing.log", "Client Error Burst From One Address", "172.17.0.1");
  }

  @Test
  void sensitiveFiles() throws IOException {
    expect("nginx-http-sensitive-files.log", "Sensitive File Probing From One Address", "127.0.0.1");
  }

  @Test
  void backdoors() throws IOException {
    expect("nginx-http-backdoor.log", "Web Shell Probing From One Address", "127.0.0.1");
  }

  @Test
  void pathTraversalInPathAndQuery() throws IOException {
    expect("nginx-http-path-traversal.log", "Probing Burst With A Path Traversal From One Address", "127.0.0.1");
  }

  @Test
  void sqlInjectionProbesThatAll404() throws IOException {
    expect("nginx-http-sqli-probing.log", "Probing Burst With An SQL Injection Probe From One Address", "127.0.0.1");
  }

  @Test
  void crossSiteScriptingProbes() throws IOException {
    expect("nginx-http-xss-probing.log", "Probing Burst With A Cross-Site Scripting Probe From One Address",
        "127.0.0.1");
  }

  @Test
  void badUserAgentNikto() throws IOException {
    expect("nginx-bad-user-agent.log", "Requests With A Known Bad User Agent", "127.0.0.1");
  }

  @Test
  void openProxyConnectAndAbsoluteUri() throws IOException {
    expect("nginx-http-open-proxy.log", "Open Proxy Probe", "127.0.0.1", "127.0.0.2");
  }

  @Test
  void switchingUserAgentsButNotTheClientWithOneAgent() throws IOException {
    Map<String, Set<String>> flagged = flagged(null, "http-dos-switching-ua.log");
    assertTrue(flagged.get("1.2.3.4").contains("Many User Agents From One Address"), flagged.toString());
    // 127.0.0.1 sends two requests with one user agent, one of them as HTTP/1.2: that, and only that.
    assertEquals(Set.of("Invalid HTTP Version In Request"), flagged.get("127.0.0.1"), flagged.toString());
  }

  @Test
  void invalidHttpVersionsButNotTheValidOnes() throws IOException {
    expect("http-dos-invalid-http-versions.log", "Invalid HTTP Version In Request", "127.0.0.3", "127.0.0.6");
  }

  @Test
  void basicAuthBruteForceInTheErrorLogAndAsPosts401() throws IOException {
    expect("nginx-http-generic-bf.error.log", "Authentication Failures Burst From One Address", "127.0.0.1");
    expect("nginx-http-generic-bf.access.log", "Authentication Failures Burst From One Address", "127.0.0.1");
  }

  @Test
  void wordpressLoginBruteForceThroughSyslog() throws IOException {
    expect("http-bf-wordpress-bf.log", "Login Form Brute Force From One Address", "81.150.104.130");
  }

  @Test
  void authorEnumerationButNotOneAuthorReloaded() throws IOException {
    expect("http-wordpress_user-enum.log", "Author Enumeration From One Address", "1.2.3.4");
  }

  @Test
  void cacheBustingButNotTheSlowerOnes() throws IOException {
    expect("http-dos-bypass-cache.log", "Cache-Busting Requests From One Address",
        "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
  }

  @Test
  void cveProbing() throws IOException {
    expect("http-cve-probing.log", "Failed Request For A Trending CVE's Path", "127.0.0.1");
  }

  @Test
  void adminInterfaceProbing() throws IOException {
    expect("http-admin-interface-probing.log", "Admin Interface Probing From One Address", "157.230.234.189");
  }

  @Test
  void technologyProbingButNotARandomPath() throws IOException {
    expect("http-technology-probing.log", "Failed Request For A Technology's Known Path", "10.0.0.1", "10.0.0.2");
  }

  @Test
  void wordpressScan() throws IOException {
    expect("http-wordpress-scan.log", "WordPress Vulnerability Probing From One Address", "127.0.0.1", "192.168.1.1");
  }

  @Test
  void sapProbing() throws IOException {
    expect("sap-probing.log", "SAP Interface Probing", "127.0.0.1");
  }

  @Test
  void crawlingNonStaticPages() throws IOException {
    expectWith("envoy-crawl-mapping.json", new String[] {"envoy-http-crawl-non_statics.json.log"},
        "Fast Crawl Of Pages From One Address", "10.0.0.13");
  }

  /** The real logs of {@code /work/shared/external-logs}: what the pack flags is printed, not asserted. */
  @Test
  void reportsWhatFiresOnTheSharedExternalLogs() throws IOException {
    Path root = Paths.get("/work/shared/external-logs");
    Assumptions.assumeTrue(Files.isDirectory(root), "absent: " + root);
    for (String folder : List.of("elastic-apache-logs", "lnav-test-logs", "honeynet-redhat-httpd", "vanity-server-csv")) {
      List<String> inputs;
      try (Stream<Path> files = Files.list(root.resolve(folder))) {
        inputs = files.filter(p -> !p.getFileName().toString().contains("haproxy")).map(Path::toString).sorted().toList();
      }
      Path index = tmp.resolve("ext-" + folder);
      IngestConfig config = new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
          EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, 2, 1 << 20, null, IngestConfig.EventTimes.DEFAULT);
      IngestSummary s = Ingestor.run(index, tmp.resolve("ext.key"), inputs, config, ProgressListener.NONE, m -> {});
      CaseFindings findings;
      try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
        findings = new DetectionService().detect(reader, rules, TimeWindow.ALL, List.of());
      }
      Map<String, Integer> byRule = new TreeMap<>();
      for (CaseFindings.ActorFinding a : findings.actors()) {
        a.rules().forEach(r -> byRule.merge(r.title(), 1, Integer::sum));
      }
      System.out.println("external " + folder + ": " + s.eventsIndexed() + " events, " + s.totalRejects()
          + " rejects; actors flagged per rule: " + byRule);
      assertTrue(s.eventsIndexed() > 0);
    }
  }
}
