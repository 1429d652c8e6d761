package org.apiaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficSimulatorTest {
  private static final String CERTIFICATE = Endpoint.CERTIFICATE_DOWNLOAD.path;

  @Test
  void sameSeedWritesIdenticalBytes(@TempDir Path tmp) throws IOException {
    SimRun a = SimRun.run(tmp.resolve("a"), 7, 2, "bola:subjects=40", "otp-flood:subjects=30");
    SimRun b = SimRun.run(tmp.resolve("b"), 7, 2, "bola:subjects=40", "otp-flood:subjects=30");
    for (String name : List.of("gateway-2023-06-06.log", "gateway-2023-06-07.log",
        "labels.json", "leak-sample.txt")) {
      assertArrayEquals(Files.readAllBytes(a.dir.resolve(name)),
          Files.readAllBytes(b.dir.resolve(name)), name + a.seedInfo());
    }
  }

  @Test
  void differentSeedWritesDifferentBytes(@TempDir Path tmp) throws IOException {
    SimRun a = SimRun.run(tmp.resolve("a"), 7, 1);
    SimRun b = SimRun.run(tmp.resolve("b"), 8, 1);
    assertFalse(java.util.Arrays.equals(
        Files.readAllBytes(a.dir.resolve("gateway-2023-06-06.log")),
        Files.readAllBytes(b.dir.resolve("gateway-2023-06-06.log"))));
  }

  @Test
  void eventsAreInTimeOrderWithinEachFile(@TempDir Path tmp) throws IOException {
    SimRun run = SimRun.run(tmp, 11, 2, "distributed:subjects=100");
    for (Path file : run.result.files()) {
      GatewayLine previous = null;
      for (String text : Files.readAllLines(file)) {
        GatewayLine line = GatewayLine.parse(text);
        if (previous != null) {
          assertFalse(line.time().isBefore(previous.time()), file + ": " + text + run.seedInfo());
        }
        previous = line;
      }
    }
  }

  @Test
  void benignCitizenTokenReadsAtMostItsFamilysSixCertificates(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 21, 2);
    Map<String, Set<String>> byToken = new HashMap<>();
    Map<String, String> tokenMobile = new HashMap<>();
    for (GatewayLine line : run.gatewayLines()) {
      if (line.authType().equals("citizen") && line.path().equals(CERTIFICATE)) {
        byToken.computeIfAbsent(line.principal(), k -> new HashSet<>()).add(line.subject());
      }
      if (line.path().endsWith("confirmOTP") || line.path().endsWith("validateMobileOtp")) {
        if (line.status() == 200) {
          tokenMobile.put(line.principal(), line.subject());
        }
      }
    }
    assertTrue(byToken.size() > 100, "tokens: " + byToken.size() + run.seedInfo());
    int max = byToken.values().stream().mapToInt(Set::size).max().orElse(0);
    assertTrue(max <= 6, "a citizen token read " + max + " reference ids" + run.seedInfo());
    assertTrue(tokenMobile.keySet().containsAll(byToken.keySet()),
        "every downloading token was issued by confirmOTP" + run.seedInfo());
  }

  @Test
  void benignVaccinatorSearchesAreMostlyFollowedByVaccinationWithinMinutes(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 31, 2);
    List<GatewayLine> lines = run.gatewayLines();
    Map<String, List<GatewayLine>> byVaccinator = lines.stream()
        .filter(l -> l.authType().equals("vaccinator"))
        .collect(Collectors.groupingBy(GatewayLine::principal));
    int searches = 0;
    int followed = 0;
    for (List<GatewayLine> own : byVaccinator.values()) {
      for (int i = 0; i < own.size(); i++) {
        if (!own.get(i).path().equals(Endpoint.VACCINATOR_SEARCH.path)) {
          continue;
        }
        searches++;
        if (i + 1 < own.size() && own.get(i + 1).path().equals(Endpoint.VACCINATION.path)
            && !own.get(i + 1).time().isAfter(own.get(i).time().plusMinutes(10))) {
          followed++;
        }
        assertTrue(own.get(i).hour() >= 9 && own.get(i).hour() < 19,
            "benign search outside session hours: " + own.get(i) + run.seedInfo());
      }
    }
    assertTrue(searches > 100, "searches: " + searches + run.seedInfo());
    assertTrue(followed >= 0.70 * searches,
        followed + " of " + searches + " searches followed by a vaccination" + run.seedInfo());
  }

  @Test
  void eachAttackTouchesExactlyTheDistinctSubjectsItsParametersSay(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 41, 3, "bola:subjects=120", "vaccinator-misuse:subjects=150",
        "partner-abuse:subjects=90", "otp-flood:subjects=110", "distributed:subjects=130");
    LabelsFile labels = run.labels();
    List<GatewayLine> lines = run.gatewayLines();
    Map<String, String> countedPath = Map.of(
        "bola", CERTIFICATE,
        "vaccinator-misuse", Endpoint.VACCINATOR_SEARCH.path,
        "partner-abuse", Endpoint.PARTNER_LOOKUP.path,
        "otp-flood", Endpoint.GENERATE_OTP.path,
        "distributed", CERTIFICATE);
    Map<String, Integer> expected = Map.of("bola", 120, "vaccinator-misuse", 150,
        "partner-abuse", 90, "otp-flood", 110, "distributed", 130);
    for (String scenario : expected.keySet()) {
      Set<String> ips = labels.values("ip", scenario);
      Set<String> subjects = lines.stream()
          .filter(l -> ips.contains(l.ip()) && l.path().equals(countedPath.get(scenario)))
          .map(GatewayLine::subject).collect(Collectors.toSet());
      assertEquals(expected.get(scenario), subjects.size(), scenario + run.seedInfo());
      assertEquals(String.valueOf(expected.get(scenario)),
          labels.scenarios.get(scenario).get("distinct_subjects"), scenario + run.seedInfo());
    }
  }

  @Test
  void vaccinatorMisuseHappensAtNightFromAnAddressAndClientTheVaccinatorNeverUsed(
      @TempDir Path tmp) throws IOException {
    SimRun run = SimRun.run(tmp, 51, 3, "vaccinator-misuse:subjects=400");
    LabelsFile labels = run.labels();
    Set<String> principals = labels.values("principal", "vaccinator-misuse");
    Set<String> attackIps = labels.values("ip", "vaccinator-misuse");
    assertEquals(1, principals.size(), run.seedInfo());
    assertEquals(1, attackIps.size(), run.seedInfo());
    String principal = principals.iterator().next();
    List<GatewayLine> own = run.gatewayLines().stream()
        .filter(l -> l.principal().equals(principal)).collect(Collectors.toList());
    List<GatewayLine> misuse = own.stream().filter(l -> attackIps.contains(l.ip()))
        .collect(Collectors.toList());
    List<GatewayLine> normal = own.stream().filter(l -> !attackIps.contains(l.ip()))
        .collect(Collectors.toList());
    assertTrue(normal.size() > 10, "the vaccinator also works normally" + run.seedInfo());
    for (GatewayLine l : misuse) {
      assertTrue(l.hour() >= 22 || l.hour() < 6, "misuse by day: " + l + run.seedInfo());
      assertFalse(l.path().equals(Endpoint.VACCINATION.path), l + run.seedInfo());
    }
    Set<String> normalUserAgents =
        normal.stream().map(GatewayLine::userAgent).collect(Collectors.toSet());
    assertTrue(misuse.stream().noneMatch(l -> normalUserAgents.contains(l.userAgent())),
        "misuse uses a client the vaccinator never used" + run.seedInfo());
    assertEquals(400, misuse.stream().filter(l -> l.hasSubject())
        .map(GatewayLine::subject).distinct().count(), run.seedInfo());
  }

  @Test
  void slotBotsTouchNoSubjects(@TempDir Path tmp) throws IOException {
    SimRun run = SimRun.run(tmp, 61, 1, "clean");
    Set<String> botIps = run.labels().actors.stream()
        .filter(a -> a.role().startsWith("slot-finder bot")).map(LabelsFile.Actor::value)
        .collect(Collectors.toSet());
    assertTrue(botIps.size() >= 3, "bots: " + botIps + run.seedInfo());
    long botLines = 0;
    long limited = 0;
    for (GatewayLine l : run.gatewayLines()) {
      if (botIps.contains(l.ip())) {
        botLines++;
        limited += l.status() == 429 ? 1 : 0;
        assertEquals("-", l.subject(), l + run.seedInfo());
        assertEquals("none", l.authType(), l + run.seedInfo());
        assertTrue(l.path().startsWith("/api/v2/appointment/sessions/public/"), l.path());
      }
    }
    assertTrue(botLines > 1000, "bot lines: " + botLines + run.seedInfo());
    assertTrue(limited > 0, "some bots exceed 100 calls per 5 minutes" + run.seedInfo());
  }

  @Test
  void cleanScenarioHasNoAttackLabelsAndItsLeakSampleWasAccessedOnlyByOwners(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 71, 2, "clean");
    LabelsFile labels = run.labels();
    assertTrue(labels.attackValues("ip").isEmpty(), run.seedInfo());
    assertTrue(labels.attackValues("principal").isEmpty(), run.seedInfo());
    assertTrue(labels.actors.stream().anyMatch(a -> a.truthClass().equals("no-sign")));
    assertEquals(List.of(), labels.accessedByAttacker, run.seedInfo());
    Set<String> leak = new HashSet<>(run.leakSample());
    assertEquals(100, leak.size(), run.seedInfo());
    Map<String, String> tokenMobile = new HashMap<>();
    for (GatewayLine l : run.gatewayLines()) {
      if (l.path().endsWith("confirmOTP") || l.path().endsWith("validateMobileOtp")) {
        tokenMobile.put(l.principal(), l.subject());
      }
      if (leak.contains(l.subject())) {
        boolean ownOtp = l.authType().equals("none");
        boolean ownToken = l.authType().equals("citizen")
            && l.subject().equals(tokenMobile.get(l.principal()));
        assertTrue(ownOtp || ownToken, "leaked number accessed by another: " + l
            + run.seedInfo());
      }
    }
  }

  @Test
  void labelsNameEveryAttackerAddressAndPrincipalSeenInTheLogs(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 81, 3, "bola:subjects=60", "vaccinator-misuse:subjects=60",
        "partner-abuse:subjects=60", "otp-flood:subjects=60", "distributed:subjects=60");
    LabelsFile labels = run.labels();
    Set<String> attackIps = labels.attackValues("ip");
    Set<String> attackPrincipals = labels.attackValues("principal");
    Set<String> seenIps = new HashSet<>();
    for (GatewayLine l : run.gatewayLines()) {
      seenIps.add(l.ip());
      if (inAttackerNetworks(l.ip())) {
        assertTrue(attackIps.contains(l.ip()), "unlabelled attacker ip: " + l + run.seedInfo());
        if (!l.principal().equals("-")) {
          assertTrue(attackPrincipals.contains(l.principal()),
              "unlabelled attacker principal: " + l + run.seedInfo());
        }
      }
    }
    assertTrue(seenIps.containsAll(attackIps), "every labelled address appears" + run.seedInfo());
    assertTrue(attackPrincipals.size() >= 5, attackPrincipals + run.seedInfo());
  }

  @Test
  void leakSampleMixesScrapedAndUntouchedNumbersAndLabelsSayWhich(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 91, 2, "vaccinator-misuse:subjects=300");
    LabelsFile labels = run.labels();
    List<String> leak = run.leakSample();
    Set<String> attackIps = labels.values("ip", "vaccinator-misuse");
    Set<String> touched = run.gatewayLines().stream()
        .filter(l -> attackIps.contains(l.ip()) && l.hasSubject())
        .map(GatewayLine::subject).collect(Collectors.toSet());
    Set<String> expected = leak.stream().filter(touched::contains).collect(Collectors.toSet());
    assertEquals(60, expected.size(), run.seedInfo());
    assertEquals(expected, new HashSet<>(labels.accessedByAttacker), run.seedInfo());
  }

  /**
   * A certificate names no mobile: a BOLA victim belongs in the leak sample only when its own
   * session (a token confirmed for its mobile) downloaded a reference id the attacker read too.
   * Here few victims are, so the sample holds all of them, and only them, and fills up with
   * untouched numbers.
   */
  @Test
  void leakSampleListsOnlyCertificateVictimsTheLogsTieToTheirMobile(@TempDir Path tmp)
      throws IOException {
    SimRun run = SimRun.run(tmp, 5, 3, "bola:intensity=high");
    LabelsFile labels = run.labels();
    Set<String> attackIps = labels.values("ip", "bola");
    List<GatewayLine> lines = run.gatewayLines();
    Set<String> readByAttacker = new HashSet<>();
    Map<String, String> ownTokenMobile = new HashMap<>();
    for (GatewayLine l : lines) {
      boolean attacker = attackIps.contains(l.ip());
      if (attacker && l.path().equals(CERTIFICATE) && l.status() == 200) {
        readByAttacker.add(l.subject());
      }
      boolean confirm = l.path().endsWith("confirmOTP") || l.path().endsWith("validateMobileOtp");
      if (!attacker && confirm && l.status() == 200) {
        ownTokenMobile.put(l.principal(), l.subject());
      }
    }
    Set<String> tied = new HashSet<>();
    for (GatewayLine l : lines) {
      if (l.path().equals(CERTIFICATE) && ownTokenMobile.containsKey(l.principal())
          && readByAttacker.contains(l.subject())) {
        tied.add(ownTokenMobile.get(l.principal()));
      }
    }
    assertTrue(tied.size() > 0 && tied.size() < 60, "tied victims: " + tied + run.seedInfo());
    assertEquals(tied, new HashSet<>(labels.accessedByAttacker), run.seedInfo());
    assertTrue(run.leakSample().containsAll(tied), run.seedInfo());
    assertEquals(100, new HashSet<>(run.leakSample()).size(), run.seedInfo());
    assertTrue(labels.untraceableScraped > 0, run.seedInfo());
  }

  private static boolean inAttackerNetworks(String ip) {
    String[] octets = ip.split("\\.");
    int net = (Integer.parseInt(octets[0]) << 24) | (Integer.parseInt(octets[1]) << 16);
    for (int[] networks : new int[][] {AddressSpace.HOSTING, AddressSpace.RESIDENTIAL_PROXY}) {
      for (int n : networks) {
        if (n == net) {
          return true;
        }
      }
    }
    return false;
  }
}
