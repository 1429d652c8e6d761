package org.apiaudit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.cli.AnalyzerCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link Evaluator}'s evidence scores on hand-made labels and findings. The labels hold two
 * attacks: {@code bola} (two activity periods, 11:00-12:00 IST with 200 requests and
 * 13:00-13:30 IST with 100; 100 subjects returned) and {@code vaccinator-misuse} (22:30-02:30
 * IST, 1,000 requests, 50 subjects; its second user agent is a browser string benign traffic
 * uses too). The base findings report each exactly; each test changes one thing.
 */
class EvaluatorEvidenceTest {
  private static final String LABELS = """
      {"schema": "apiaudit.simulate.labels/v1",
       "scenarios": [
        {"name": "bola", "class": "scraping", "requests": 300, "subjects_returned": 100,
         "activity": [
           {"start": "2023-06-10T11:00:00.000+05:30", "end": "2023-06-10T12:00:00.000+05:30", "requests": 200},
           {"start": "2023-06-10T13:00:00.000+05:30", "end": "2023-06-10T13:30:00.000+05:30", "requests": 100}],
         "attacker": {"ips": ["194.26.76.210", "194.26.76.211"], "user_agents": ["python-requests/2.31.0"],
                      "principals": ["tk-bola1"]},
         "subjects_returned_by_kind": {"reference": 100},
         "victim_infrastructure": {"ips": [], "user_agents": []}},
        {"name": "vaccinator-misuse", "class": "credential-misuse", "requests": 1000, "subjects_returned": 50,
         "activity": [
           {"start": "2023-06-08T22:30:00.000+05:30", "end": "2023-06-09T02:30:00.000+05:30", "requests": 1000}],
         "attacker": {"ips": ["103.87.158.110"], "user_agents": ["HeadlessChrome/114", "Mozilla/5.0 Firefox/114"],
                      "principals": ["vcn-3002081"]},
         "subjects_returned_by_kind": {"mobile": 50},
         "victim_infrastructure": {"ips": ["164.100.1.10"], "user_agents": ["Mozilla/5.0 Firefox/114"]}}],
       "actors": [
        {"kind": "ip", "value": "194.26.76.210", "class": "scraping", "scenario": "bola", "role": "r"},
        {"kind": "principal", "value": "tk-bola1", "class": "scraping", "scenario": "bola", "role": "r"},
        {"kind": "user_agent", "value": "python-requests/2.31.0", "class": "scraping", "scenario": "bola", "role": "r"},
        {"kind": "ip", "value": "103.87.158.110", "class": "credential-misuse", "scenario": "vaccinator-misuse",
         "role": "r"},
        {"kind": "principal", "value": "vcn-3002081", "class": "credential-misuse", "scenario": "vaccinator-misuse",
         "role": "r"},
        {"kind": "ip", "value": "13.232.39.27", "class": "benign-automation", "scenario": "baseline", "role": "bot"}],
       "benign": {"ips": ["13.232.39.27", "49.36.1.1", "164.100.1.10", "194.26.77.5"],
                  "user_agents": ["Mozilla/5.0 Firefox/114", "okhttp/4.9.2"]}}
      """;

  private static final String FINDINGS = """
      {"schemaVersion": "2",
       "actors": [
        {"kind": "ip", "value": "194.26.76.210", "verdict": "scraping"},
        {"kind": "principal", "value": "tk-bola1", "verdict": "scraping"},
        {"kind": "user_agent", "value": "python-requests/2.31.0", "verdict": "scraping"},
        {"kind": "ip", "value": "103.87.158.110", "verdict": "credential-misuse"},
        {"kind": "principal", "value": "vcn-3002081", "verdict": "credential-misuse"}],
       "incidents": [
        {"id": "INC-1", "verdict": "scraping",
         "windows": [{"start": "2023-06-10T05:30:00Z", "end": "2023-06-10T06:30:00Z"},
                     {"start": "2023-06-10T07:30:00Z", "end": "2023-06-10T08:00:00Z"}],
         "actors": ["ip:194.26.76.210", "principal:tk-bola1"],
         "indicators": [{"type": "ipv4", "value": "194.26.76.210"}, {"type": "ipv4", "value": "194.26.76.211"},
                        {"type": "user-agent", "value": "python-requests/2.31.0"}],
         "requests": 300, "subjectsAffected": 100,
         "evidence": [{"file": "a.log", "line": 1, "timestamp": 1686375000000},
                      {"file": "a.log", "line": 2, "timestamp": 1686382200000}]},
        {"id": "INC-2", "verdict": "credential-misuse",
         "windows": [{"start": "2023-06-08T22:30:00+05:30", "end": "2023-06-09T02:30:00+05:30"}],
         "actors": ["principal:vcn-3002081", "ip:103.87.158.110"],
         "indicators": [{"type": "ipv4", "value": "103.87.158.110"}, {"type": "user-agent", "value": "HeadlessChrome/114"}],
         "requests": 1000, "subjectsAffected": 50,
         "evidence": [{"file": "b.log", "line": 7, "timestamp": 1686243600000}]}]}
      """;

  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;
  private ObjectNode labels;
  private ObjectNode findings;

  @BeforeEach
  void readFixtures() throws IOException {
    labels = (ObjectNode) json.readTree(LABELS);
    findings = (ObjectNode) json.readTree(FINDINGS);
  }

  private Evaluator.Evidence evidence() throws IOException {
    Evaluator.Result r = evaluate();
    return r.evidence();
  }

  private Evaluator.Result evaluate() throws IOException {
    Path l = dir.resolve("labels.json");
    Path f = dir.resolve("findings.json");
    json.writeValue(l.toFile(), labels);
    json.writeValue(f.toFile(), findings);
    return new Evaluator().evaluate(l, f);
  }

  private ObjectNode incident(int index) {
    return (ObjectNode) findings.withArray("incidents").get(index);
  }

  private static Evaluator.ScenarioEvidence scenario(Evaluator.Evidence e, String name) {
    return e.scenarios().stream().filter(s -> s.scenario().equals(name)).findFirst().orElseThrow();
  }

  private static void addIndicator(ObjectNode incident, String type, String value) {
    incident.withArray("indicators").addObject().put("type", type).put("value", value);
  }

  private static void window(ObjectNode incident, String start, String end) {
    ArrayNode w = incident.putArray("windows");
    w.addObject().put("start", start).put("end", end);
  }

  @Test
  void exactFindingsScoreFullMarks() throws IOException {
    Evaluator.Evidence e = evidence();
    assertTrue(e.incidentsReported());
    assertFalse(e.clean());
    assertEquals(List.of("INC-1", "INC-2"), e.incidents());
    assertEquals(List.of(), e.unmatchedIncidents());
    assertEquals(List.of(), e.falseIndicators());
    // python-requests, both bola addresses, the misuse address and HeadlessChrome; the browser
    // string benign traffic also sends is no indicator of anything
    assertEquals(5, e.attackerIndicators());
    assertEquals(1.0, e.indicatorRecall());
    Evaluator.ScenarioEvidence bola = scenario(e, "bola");
    assertEquals(List.of("INC-1"), bola.incidents());
    assertEquals(100, bola.subjectsReturned());
    assertEquals(100, bola.subjectsAffected());
    assertEquals(0.0, bola.recordsError());
    assertEquals(300, bola.activityRequests());
    assertEquals(1.0, bola.windowRecall(), 1e-9);
    assertEquals(1.0, bola.windowPrecision(), 1e-9);
    assertEquals(1.0, bola.evidenceInsideShare());
    Evaluator.ScenarioEvidence misuse = scenario(e, "vaccinator-misuse");
    assertEquals(List.of("INC-2"), misuse.incidents());
    assertEquals(2, misuse.attackerIndicators());
    assertEquals(0.0, misuse.recordsError());
    assertEquals(1.0, misuse.windowRecall(), 1e-9);
    assertEquals(0.0, e.recordsErrorMax());
    assertEquals(1, e.incidentsPerAttackMax());
    assertEquals(3, e.evidenceLines());
    assertEquals(3, e.evidenceInside());
  }

  @Test
  void anIndicatorBenignTrafficUsedIsFalse() throws IOException {
    addIndicator(incident(0), "ipv4", "49.36.1.1");
    Evaluator.Evidence e = evidence();
    assertEquals(List.of("ipv4:49.36.1.1"), e.falseIndicators());
    assertEquals(List.of("ipv4:49.36.1.1"), scenario(e, "bola").falseIndicators());
    assertEquals(List.of(), scenario(e, "vaccinator-misuse").falseIndicators());
  }

  @Test
  void aUserAgentBenignTrafficAlsoSendsIsFalseThoughTheAttackerUsedIt() throws IOException {
    addIndicator(incident(1), "user-agent", "Mozilla/5.0 Firefox/114");
    assertEquals(List.of("user-agent:Mozilla/5.0 Firefox/114"), evidence().falseIndicators());
  }

  @Test
  void anIndicatorNoAttackerUsedIsFalse() throws IOException {
    addIndicator(incident(0), "ipv4", "8.8.8.8");
    addIndicator(incident(0), "user-agent", "curl/8.0");
    assertEquals(List.of("ipv4:8.8.8.8", "user-agent:curl/8.0"), evidence().falseIndicators());
  }

  @Test
  void aSubnetIsFalseWhenItHoldsABenignAddressOrNoAttackerAddress() throws IOException {
    addIndicator(incident(0), "subnet", "194.26.76.0/24");
    addIndicator(incident(0), "subnet", "194.26.0.0/16");
    addIndicator(incident(0), "subnet", "10.0.0.0/8");
    assertEquals(List.of("subnet:194.26.0.0/16", "subnet:10.0.0.0/8"), evidence().falseIndicators());
  }

  @Test
  void aTrueSubnetIndicatorNamesTheAttackerAddressesInside() throws IOException {
    ArrayNode indicators = incident(0).putArray("indicators");
    indicators.addObject().put("type", "subnet").put("value", "194.26.76.0/24");
    indicators.addObject().put("type", "user-agent").put("value", "python-requests/2.31.0");
    Evaluator.Evidence e = evidence();
    assertEquals(1.0, scenario(e, "bola").indicatorRecall());
    assertEquals(List.of(), e.indicatorsMissed());
  }

  @Test
  void indicatorRecallCountsAttackerValuesNoIncidentNames() throws IOException {
    incident(0).withArray("indicators").remove(2);
    Evaluator.Evidence e = evidence();
    assertEquals(List.of("user-agent:python-requests/2.31.0"), scenario(e, "bola").indicatorsMissed());
    assertEquals(2.0 / 3, scenario(e, "bola").indicatorRecall(), 1e-9);
    assertEquals(4.0 / 5, e.indicatorRecall(), 1e-9);
    assertEquals(1.0, scenario(e, "vaccinator-misuse").indicatorRecall());
  }

  @Test
  void recordsErrorIsTheRelativeDifferenceFromTheSubjectsReturned() throws IOException {
    incident(0).put("subjectsAffected", 95);
    incident(1).put("subjectsAffected", 60);
    Evaluator.Evidence e = evidence();
    assertEquals(0.05, scenario(e, "bola").recordsError(), 1e-9);
    assertEquals(0.20, scenario(e, "vaccinator-misuse").recordsError(), 1e-9);
    assertEquals(0.20, e.recordsErrorMax(), 1e-9);
  }

  @Test
  void twoIncidentsOfOneAttackAddTheirSubjectsAndWindows() throws IOException {
    ObjectNode second = incident(0).deepCopy();
    second.put("id", "INC-3");
    second.set("actors", json.createArrayNode().add("principal:tk-bola1"));
    window(second, "2023-06-10T07:30:00Z", "2023-06-10T08:00:00Z");
    second.put("subjectsAffected", 45);
    window(incident(0), "2023-06-10T05:30:00Z", "2023-06-10T06:30:00Z");
    incident(0).put("subjectsAffected", 60);
    findings.withArray("incidents").add(second);
    Evaluator.Evidence e = evidence();
    Evaluator.ScenarioEvidence bola = scenario(e, "bola");
    assertEquals(List.of("INC-1", "INC-3"), bola.incidents());
    assertEquals(105, bola.subjectsAffected());
    assertEquals(0.05, bola.recordsError(), 1e-9);
    assertEquals(1.0, bola.windowRecall(), 1e-9);
    assertEquals(2, e.incidentsPerAttackMax());
    assertEquals(1, e.incidentsPerAttackMin());
  }

  @Test
  void windowRecallCountsEachPeriodsRequestsByTheShareTheWindowsCover() throws IOException {
    // half of the first period (100 of its 200 requests), none of the second (100)
    window(incident(0), "2023-06-10T05:30:00Z", "2023-06-10T06:00:00Z");
    Evaluator.ScenarioEvidence bola = scenario(evidence(), "bola");
    assertEquals(100.0 / 300, bola.windowRecall(), 1e-9);
    assertEquals(1.0, bola.windowPrecision(), 1e-9);
  }

  @Test
  void windowPrecisionIsTheShareOfWindowTimeWithinTheActivityAndItsSlack() throws IOException {
    // 09:30-12:00 IST: 2.5 h reported, of which 10:30-12:00 lies within the first period
    // widened by 30 min (10:30-12:30); the second period (13:00-13:30) is not covered
    window(incident(0), "2023-06-10T09:30:00+05:30", "2023-06-10T12:00:00+05:30");
    Evaluator.Evidence e = evidence();
    Evaluator.ScenarioEvidence bola = scenario(e, "bola");
    assertEquals(1.5 / 2.5, bola.windowPrecision(), 1e-9);
    assertEquals(200.0 / 300, bola.windowRecall(), 1e-9);
    assertEquals(0.6, e.windowPrecisionMin(), 1e-9);
    assertEquals(200.0 / 300, e.windowRecallMin(), 1e-9);
  }

  @Test
  void evidenceLinesOutsideTheirIncidentsWindowsAreCounted() throws IOException {
    incident(0).withArray("evidence").addObject().put("file", "a.log").put("line", 9)
        .put("timestamp", "2023-06-10T04:00:00Z");
    Evaluator.Evidence e = evidence();
    assertEquals(2.0 / 3, scenario(e, "bola").evidenceInsideShare(), 1e-9);
    assertEquals(4, e.evidenceLines());
    assertEquals(3, e.evidenceInside());
  }

  @Test
  void anIncidentNamingAClusterMatchesTheAttackOfTheClustersMembers() throws IOException {
    findings.withArray("actors").addObject().put("kind", "cluster").put("value", "farm-1").put("verdict", "scraping")
        .putArray("members").addObject().put("kind", "principal").put("value", "tk-bola1");
    incident(0).set("actors", json.createArrayNode().add("cluster:farm-1"));
    assertEquals(List.of("INC-1"), scenario(evidence(), "bola").incidents());
  }

  @Test
  void anIncidentOfNoLabelledAttackerIsUnmatched() throws IOException {
    ObjectNode bot = findings.withArray("incidents").addObject();
    bot.put("id", "INC-3");
    bot.putArray("actors").add("ip:13.232.39.27");
    Evaluator.Evidence e = evidence();
    assertEquals(List.of("INC-3"), e.unmatchedIncidents());
    assertEquals(1, e.incidentsPerAttackMax());
  }

  @Test
  void anAttackNoIncidentMatchesHasNoRecallAndFullRecordsError() throws IOException {
    findings.withArray("incidents").remove(1);
    Evaluator.ScenarioEvidence misuse = scenario(evidence(), "vaccinator-misuse");
    assertEquals(List.of(), misuse.incidents());
    assertEquals(0.0, misuse.windowRecall());
    assertEquals(1.0, misuse.recordsError());
    assertEquals(0.0, misuse.indicatorRecall(), "neither its address nor HeadlessChrome is named");
  }

  @Test
  void findingsWithoutIncidentsScoreAsIfNoneWereReported() throws IOException {
    findings.remove("incidents");
    Evaluator.Evidence e = evidence();
    assertFalse(e.incidentsReported());
    assertEquals(0, e.incidentsPerAttackMax());
    assertEquals(0.0, e.windowRecallMin());
    assertEquals(0.0, e.indicatorRecall());
  }

  @Test
  void aCleanCaseCountsEveryIncidentAndIndicator() throws IOException {
    labels.set("scenarios", json.createArrayNode().add(json.createObjectNode().put("name", "clean")
        .put("class", "no-sign")));
    labels.withArray("actors").removeAll();
    labels.withArray("actors").addObject().put("kind", "ip").put("value", "13.232.39.27")
        .put("class", "benign-automation").put("scenario", "baseline");
    Evaluator.Evidence e = evidence();
    assertTrue(e.clean());
    assertEquals(2, e.incidents().size());
    assertEquals(5, e.indicators().size());
    assertEquals(List.of(), e.scenarios());
    // no attacker in the labels: every indicator is false
    assertEquals(5, e.falseIndicators().size());
  }

  @Test
  void labelsWithoutEvidenceTruthAreScoredOnVerdictsAlone() throws IOException {
    labels.remove("benign");
    assertNull(evaluate().evidence());
  }

  @Test
  void ipv4LiteralsOutOfRangeAreNoAddresses() {
    assertTrue(Evaluator.inSubnet("194.26.76.210", "194.26.76.0/24"));
    assertFalse(Evaluator.inSubnet("194.26.77.1", "194.26.76.0/24"));
    assertFalse(Evaluator.inSubnet("999.26.76.1", "194.26.76.0/24"));
    assertTrue(Evaluator.inSubnet("2001:db8::1", "2001:db8::/64"));
    assertFalse(Evaluator.inSubnet("194.26.76.210", "2001:db8::/64"));
    assertFalse(Evaluator.inSubnet("194.26.76.210", "example.org/24"));
  }

  @Test
  void evaluatePrintsTheEvidenceTableAndExitsThreeOnAFalseIndicator() throws IOException {
    addIndicator(incident(0), "ipv4", "49.36.1.1");
    Path l = dir.resolve("labels.json");
    Path f = dir.resolve("findings.json");
    json.writeValue(l.toFile(), labels);
    json.writeValue(f.toFile(), findings);
    StringWriter out = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(3, cl.execute("evaluate", "--labels", l.toString(), f.toString()));
    String text = out.toString();
    String tail = text.substring(text.indexOf("Evidence"));
    assertEquals(String.join("\n",
        "Evidence (incidents[] against the labels' truth):",
        "scenario           incidents indicators false ind.recall returned affected rec.err win.recall win.prec evid.in",
        "bola                       1          4     1      1.000      100      100   0.000      1.000    1.000   1.000",
        "vaccinator-misuse          1          2     0      1.000       50       50   0.000      1.000    1.000   1.000",
        "overall: 2 incident(s), 0 matched to no attack; 6 indicator(s), 1 false; indicator recall 1.000 (5 of 5);"
            + " records error max 0.000; incidents per attack 1-1; window recall min 1.000; window precision min"
            + " 1.000; evidence lines inside windows 1.000 (3 of 3)",
        "  false indicator: ipv4:49.36.1.1", ""), tail);
  }

  @Test
  void evaluateJsonCarriesTheEvidenceScoresAndTheirAggregates() throws IOException {
    Path l = dir.resolve("labels.json");
    Path f = dir.resolve("findings.json");
    json.writeValue(l.toFile(), labels);
    json.writeValue(f.toFile(), findings);
    StringWriter out = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cl.execute("evaluate", "--labels", l.toString(), f.toString(), "--json"));
    JsonNode r = json.readTree(out.toString());
    assertEquals(3, r.path("classes").size(), "credential-misuse, no-sign, scraping");
    JsonNode ev = r.path("evidence");
    assertEquals(0, ev.path("falseIndicators").size());
    assertEquals(1.0, ev.path("indicatorRecall").asDouble());
    assertEquals(1, ev.path("incidentsPerAttackMax").asInt());
    assertEquals(1.0, ev.path("windowRecallMin").asDouble());
    assertEquals("bola", ev.path("scenarios").get(0).path("scenario").asText());
    assertEquals(100, ev.path("scenarios").get(0).path("subjectsAffected").asInt());
    assertTrue(Files.size(f) > 0);
  }
}
