package org.apiaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence fields of labels.json (activity, attacker, subjects_returned, victim
 * infrastructure, benign) recomputed from the written log lines with the test's own parser.
 */
class LabelsEvidenceTest {
  private static final Set<String> RECORD_RETURNING = Set.of(Endpoint.BENEFICIARIES.path,
      Endpoint.CERTIFICATE_DOWNLOAD.path, Endpoint.VACCINATOR_SEARCH.path,
      Endpoint.PARTNER_LOOKUP.path, Endpoint.PARTNER_CERTIFICATE_PDF.path);

  @Test
  void evidenceFieldsMatchTheLogLinesOfEachAttack(@TempDir Path tmp) throws IOException {
    SimRun run = SimRun.run(tmp, 13, 3, "bola:subjects=80", "vaccinator-misuse:subjects=90");
    JsonNode labels = new ObjectMapper().readTree(run.result.labelsFile().toFile());
    List<GatewayLine> lines = run.gatewayLines();
    for (JsonNode scenario : labels.path("scenarios")) {
      String name = scenario.path("name").asText();
      Set<String> ips = strings(scenario.path("attacker").path("ips"));
      assertTrue(!ips.isEmpty(), name + run.seedInfo());
      List<GatewayLine> attack = lines.stream().filter(l -> ips.contains(l.ip()))
          .collect(Collectors.toList());
      assertEquals(scenario.path("requests").asLong(), attack.size(), name + run.seedInfo());
      assertEquals(attack.stream().map(GatewayLine::userAgent).collect(Collectors.toSet()),
          strings(scenario.path("attacker").path("user_agents")), name + run.seedInfo());
      assertEquals(attack.stream().map(GatewayLine::principal).filter(p -> !p.equals("-"))
          .collect(Collectors.toSet()), strings(scenario.path("attacker").path("principals")),
          name + run.seedInfo());
      assertEquals(periods(attack), periods(scenario.path("activity")), name + run.seedInfo());
      Set<String> returned = returned(attack);
      assertEquals(returned.size(), scenario.path("subjects_returned").asInt(),
          name + run.seedInfo());
      Map<String, Integer> byKind = new HashMap<>();
      scenario.path("subjects_returned_by_kind").fields()
          .forEachRemaining(e -> byKind.put(e.getKey(), e.getValue().asInt()));
      assertEquals(Map.of(name.equals("bola") ? "reference" : "mobile", returned.size()), byKind,
          name + run.seedInfo());
    }
    JsonNode misuse = scenario(labels, "vaccinator-misuse");
    String vaccinator = misuse.path("attacker").path("principals").get(0).asText();
    Set<String> attackIps = strings(misuse.path("attacker").path("ips"));
    List<GatewayLine> own = lines.stream()
        .filter(l -> l.principal().equals(vaccinator) && !attackIps.contains(l.ip()))
        .collect(Collectors.toList());
    assertTrue(own.size() > 10, "the vaccinator also works normally" + run.seedInfo());
    assertEquals(own.stream().map(GatewayLine::ip).collect(Collectors.toSet()),
        strings(misuse.path("victim_infrastructure").path("ips")), run.seedInfo());
    assertEquals(own.stream().map(GatewayLine::userAgent).collect(Collectors.toSet()),
        strings(misuse.path("victim_infrastructure").path("user_agents")), run.seedInfo());
    assertEquals(0, scenario(labels, "bola").path("victim_infrastructure").path("ips").size());
  }

  @Test
  void benignListsEveryAddressAndUserAgentNoAttackerUsed(@TempDir Path tmp) throws IOException {
    SimRun run = SimRun.run(tmp, 17, 2, "bola:subjects=40", "distributed:subjects=60");
    JsonNode labels = new ObjectMapper().readTree(run.result.labelsFile().toFile());
    Set<String> attackIps = new TreeSet<>();
    for (JsonNode s : labels.path("scenarios")) {
      attackIps.addAll(strings(s.path("attacker").path("ips")));
    }
    Set<String> benignIps = new TreeSet<>();
    Set<String> benignUserAgents = new TreeSet<>();
    for (GatewayLine l : run.gatewayLines()) {
      if (!attackIps.contains(l.ip())) {
        benignIps.add(l.ip());
        benignUserAgents.add(l.userAgent());
      }
    }
    assertEquals(benignIps, strings(labels.path("benign").path("ips")), run.seedInfo());
    assertEquals(benignUserAgents, strings(labels.path("benign").path("user_agents")),
        run.seedInfo());
    Set<String> bolaAgents = strings(scenario(labels, "bola").path("attacker").path("user_agents"));
    assertEquals(Set.of(UserAgents.ATTACK_SCRIPT.text), bolaAgents, run.seedInfo());
    assertTrue(!benignUserAgents.contains(UserAgents.ATTACK_SCRIPT.text), run.seedInfo());
    List<String> written = new ArrayList<>();
    labels.path("benign").path("ips").forEach(n -> written.add(n.asText()));
    List<String> numeric = new ArrayList<>(written);
    numeric.sort((a, b) -> Long.compare(ipValue(a), ipValue(b)));
    assertEquals(numeric, written, "benign addresses in numeric order");
  }

  @Test
  void activitySplitsWhereTheAttackPausesOverHalfAnHour() {
    ScenarioStats stats = new ScenarioStats(
        ScenarioSpec.parse("bola").resolve(LocalDate.of(2023, 6, 6), 1));
    long t0 = SimContext.epochMillis(LocalDateTime.of(2023, 6, 6, 10, 0));
    for (long offset : new long[] {0, 10, 40, 71, 72}) {
      SimEvent e = new SimEvent();
      e.epochMillis = t0 + offset * SimContext.MINUTE;
      e.endpoint = Endpoint.STATES;
      e.status = 200;
      stats.evidence(e, true);
    }
    assertEquals(2, stats.activity.size());
    assertEquals(t0, stats.activity.get(0).start);
    assertEquals(t0 + 40 * SimContext.MINUTE, stats.activity.get(0).end);
    assertEquals(3, stats.activity.get(0).requests);
    assertEquals(t0 + 71 * SimContext.MINUTE, stats.activity.get(1).start);
    assertEquals(2, stats.activity.get(1).requests);
  }

  @Test
  void cleanRunHasALargeFamilyDownloadingAllSixCertificatesAndOneMistypedIdWithinAnHour(
      @TempDir Path tmp) throws IOException {
    SimRun run = SimRun.run(tmp, 23, 2, "clean");
    JsonNode labels = new ObjectMapper().readTree(run.result.labelsFile().toFile());
    List<String> tokens = new ArrayList<>();
    for (JsonNode a : labels.path("actors")) {
      if (a.path("role").asText().equals(CleanLookalikes.LargeFamily.ROLE)) {
        assertEquals("no-sign", a.path("class").asText());
        assertEquals("principal", a.path("kind").asText());
        tokens.add(a.path("value").asText());
      }
    }
    assertEquals(2, tokens.size(), "one a day" + run.seedInfo());
    List<GatewayLine> lines = run.gatewayLines();
    for (String token : tokens) {
      List<GatewayLine> downloads = lines.stream().filter(l -> l.principal().equals(token)
          && l.path().equals(Endpoint.CERTIFICATE_DOWNLOAD.path)).collect(Collectors.toList());
      assertEquals(7, downloads.stream().map(GatewayLine::subject).distinct().count(),
          token + run.seedInfo());
      assertEquals(1, downloads.stream().filter(l -> l.status() == 404).count(), token);
      assertEquals(6, downloads.stream().filter(l -> l.status() == 200).count(), token);
      Set<Long> families = downloads.stream()
          .map(l -> (Long.parseLong(l.subject()) - Citizens.REFERENCE_BASE) / Citizens.SLOTS_PER_FAMILY)
          .collect(Collectors.toSet());
      assertEquals(1, families.size(), "all ids are the family's own slots" + run.seedInfo());
      Duration span = Duration.between(downloads.get(0).time(),
          downloads.get(downloads.size() - 1).time());
      assertTrue(span.compareTo(Duration.ofHours(1)) < 0, span + run.seedInfo());
    }
  }

  /** Subjects a 2xx on a record-returning endpoint returned, except a token's own mobile. */
  private static Set<String> returned(List<GatewayLine> attack) {
    Map<String, String> tokenMobile = new HashMap<>();
    for (GatewayLine l : attack) {
      if (l.path().equals(Endpoint.CONFIRM_OTP.path) && l.status() == 200) {
        tokenMobile.put(l.principal(), l.subject());
      }
    }
    return attack.stream()
        .filter(l -> l.status() >= 200 && l.status() < 300 && RECORD_RETURNING.contains(l.path())
            && l.hasSubject() && !l.subject().equals(tokenMobile.get(l.principal())))
        .map(GatewayLine::subject).collect(Collectors.toSet());
  }

  /** Periods as "start/end/requests" at whole seconds (the gateway text has no milliseconds). */
  private static List<String> periods(List<GatewayLine> attack) {
    List<String> out = new ArrayList<>();
    LocalDateTime start = null;
    LocalDateTime end = null;
    int requests = 0;
    for (GatewayLine l : attack) {
      if (start != null && Duration.between(end, l.time()).compareTo(Duration.ofMinutes(30)) > 0) {
        out.add(start + "/" + end + "/" + requests);
        start = null;
      }
      if (start == null) {
        start = l.time();
        requests = 0;
      }
      end = l.time();
      requests++;
    }
    if (start != null) {
      out.add(start + "/" + end + "/" + requests);
    }
    return out;
  }

  private static List<String> periods(JsonNode activity) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : activity) {
      out.add(local(p.path("start").asText()) + "/" + local(p.path("end").asText()) + "/"
          + p.path("requests").asInt());
    }
    return out;
  }

  private static LocalDateTime local(String iso) {
    return OffsetDateTime.parse(iso).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS);
  }

  private static JsonNode scenario(JsonNode labels, String name) {
    for (JsonNode s : labels.path("scenarios")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no scenario " + name);
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static long ipValue(String ip) {
    long v = 0;
    for (String octet : ip.split("\\.")) {
      v = v * 256 + Integer.parseInt(octet);
    }
    return v;
  }
}
