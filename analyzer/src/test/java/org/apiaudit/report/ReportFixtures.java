package org.apiaudit.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings.ActorFinding;
import org.apiaudit.detect.findings.CaseFindings.ActorRef;
import org.apiaudit.detect.findings.CaseFindings.Conclusion;
import org.apiaudit.detect.findings.CaseFindings.ContextValue;
import org.apiaudit.detect.findings.CaseFindings.Coverage;
import org.apiaudit.detect.findings.CaseFindings.Evidence;
import org.apiaudit.detect.findings.CaseFindings.Gap;
import org.apiaudit.detect.findings.CaseFindings.Hypothesis;
import org.apiaudit.detect.findings.CaseFindings.Incident;
import org.apiaudit.detect.findings.CaseFindings.Indicator;
import org.apiaudit.detect.findings.CaseFindings.LeakCorrelation;
import org.apiaudit.detect.findings.CaseFindings.LeakSubject;
import org.apiaudit.detect.findings.CaseFindings.RuleHit;
import org.apiaudit.detect.findings.CaseFindings.RuleRun;
import org.apiaudit.detect.findings.CaseFindings.Window;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.report.ActivityCounter.Activity;

/** Hand-built cases: a scraping case, a clean case and a hostile one, with their manifests. */
final class ReportFixtures {
  static final long H = 3_600_000L;
  /** 2023-06-08T00:00:00Z. */
  static final long T0 = Instant.parse("2023-06-08T00:00:00Z").toEpochMilli();
  /** Report generation time: 2023-06-11T04:30:00Z = 10:00 IST. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2023-06-11T04:30:00Z"), ZoneOffset.UTC);
  static final String SHA_A = "a3f1c0de9b7e4d2c8f6a5b4e3d2c1b0a99887766554433221100ffeeddccbbaa";
  static final String SHA_B = "0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff0";
  static final String UA_SCRIPT = "<script>alert(1)</script>";
  static final String UA_FORMULA = "=HYPERLINK(\"http://x\")";
  static final String LINE_INJECTION = "GET /api/v3/certificate/\"><img src=x onerror=alert(1)> HTTP/1.1";

  private ReportFixtures() {}

  static List<RuleRun> rules() {
    return List.of(
        new RuleRun("api-bola-fanout", "Citizen token reads many beneficiaries", "api/bola_fanout.yml", "high", "2023-06-01",
            "1111111111111111111111111111111111111111111111111111111111111111"),
        new RuleRun("api-sequential-walk", "Identifiers walked in order", "api/sequential_walk.yml", "high", "2023-06-02",
            "2222222222222222222222222222222222222222222222222222222222222222"),
        new RuleRun("vaccinator-night-search", "Vaccinator searches at machine pace at night", "api/vaccinator_night.yml",
            "medium", "2023-05-20", "3333333333333333333333333333333333333333333333333333333333333333"),
        new RuleRun("ua-automation", "Non-browser user agent", "api/ua_automation.yml", "low", "2023-04-11",
            "4444444444444444444444444444444444444444444444444444444444444444"));
  }

  static IndexManifest manifest() {
    return new IndexManifest("1", "kf-5e2a91", List.of(
        new SourceFile("logs/gw-2023-06-08.log.gz", 48_211_034, SHA_A, 96_020, 96_001, 19, "nginx-combined",
            T0, T0 + 48 * H - 1, T0 + 80 * H),
        new SourceFile("logs/gw-2023-06-10.jsonl", 31_377_802, SHA_B, 86_340, 86_339, 1, "json-lines",
            T0 + 48 * H, T0 + 72 * H - 1, T0 + 81 * H)));
  }

  static List<RejectedLine> rejects() {
    return List.of(new RejectedLine("logs/gw-2023-06-08.log.gz", 1_733, "no closing quote in the request field"),
        new RejectedLine("logs/gw-2023-06-08.log.gz", 20_114, "status is not a number"),
        new RejectedLine("logs/gw-2023-06-10.jsonl", 4, "not a JSON object"));
  }

  static RunInfo run() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("window", "2023-06-08T00:00Z/2023-06-11T00:00Z");
    return new RunInfo("CoWIN Telegram-bot leak, June 2023", "analyzer report --index case/index --findings case/findings.json --out case/report",
        Instant.parse("2023-06-11T04:29:30Z").toEpochMilli(), Classification.TLP_AMBER_STRICT, null, null, params);
  }

  static ActorFinding scraper() {
    Map<String, Long> endpoints = new LinkedHashMap<>();
    endpoints.put("/api/v3/certificate/{ref}", 5_100L);
    endpoints.put("/api/v2/auth/confirmOTP", 110L);
    Map<String, Long> statuses = new LinkedHashMap<>();
    statuses.put("200", 4_812L);
    statuses.put("404", 398L);
    return new ActorFinding("principal", "tok-7f3a9c", List.of(), "scraping", 0.95,
        List.of(new RuleHit("api-bola-fanout", "Citizen token reads many beneficiaries", "high", 4_812, 6, "gt",
                T0 + 26 * H, T0 + 41 * H),
            new RuleHit("api-sequential-walk", "Identifiers walked in order", "high", 0.93, 0.8, "gte",
                T0 + 26 * H, T0 + 41 * H)),
        T0 + 26 * H + 120_000, T0 + 41 * H + 3_000, 5_210, 4_812, endpoints, statuses,
        List.of("203.0.113.7", "203.0.113.9", "2001:db8::5"), List.of("python-requests/2.31.0"),
        List.of(new Evidence("logs/gw-2023-06-08.log.gz", 51_877, T0 + 26 * H + 120_000,
                "203.0.113.7 - tok-7f3a9c [09/Jun/2023:07:32:00 +0530] \"GET /api/v3/certificate/ps_91c2e0 HTTP/1.1\" 200 5120 \"-\" \"python-requests/2.31.0\""),
            new Evidence("logs/gw-2023-06-08.log.gz", 51_878, T0 + 26 * H + 121_000,
                "203.0.113.7 - tok-7f3a9c [09/Jun/2023:07:32:01 +0530] \"GET /api/v3/certificate/ps_4a77b1 HTTP/1.1\" 404 88 \"-\" \"python-requests/2.31.0\"")));
  }

  static ActorFinding misuse() {
    return new ActorFinding("principal", "vac-00412", List.of(), "credential-misuse", 0.8,
        List.of(new RuleHit("vaccinator-night-search", "Vaccinator searches at machine pace at night", "medium", 178, 40, "gt",
            T0 + 20 * H, T0 + 24 * H)),
        T0 + 20 * H, T0 + 24 * H, 190, 178, Map.of("/api/v2/vaccinator/beneficiary/search", 190L), Map.of("200", 190L),
        List.of("198.51.100.23"), List.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64)"),
        List.of(new Evidence("logs/gw-2023-06-08.log.gz", 40_002, T0 + 20 * H,
            "198.51.100.23 - vac-00412 [08/Jun/2023:01:30:00 +0530] \"GET /api/v2/vaccinator/beneficiary/search?mobile=ps_1b9e HTTP/1.1\" 200 812")));
  }

  static ActorFinding suspiciousSubnet() {
    return new ActorFinding("subnet", "192.0.2.0/24", List.of(), "suspicious", 0.45,
        List.of(new RuleHit("ua-automation", "Non-browser user agent", "low", 1, 1, "eq", T0 + 50 * H, T0 + 60 * H)),
        T0 + 50 * H, T0 + 60 * H, 2_400, 12, Map.of("/api/v2/auth/generateOTP", 2_400L), Map.of("200", 2_100L, "429", 300L),
        List.of("192.0.2.10", "192.0.2.11"), List.of("Go-http-client/1.1"), List.of());
  }

  static ActorFinding slotBot() {
    return new ActorFinding("user_agent", "SlotFinderBot/2.1 (+https://example.org/bot)", List.of(), "benign-automation", 0.9,
        List.of(new RuleHit("ua-automation", "Non-browser user agent", "low", 1, 1, "eq", T0, T0 + 72 * H)),
        T0 + 60_000, T0 + 72 * H - 60_000, 25_920, 0,
        Map.of("/api/v2/appointment/sessions/public/calendarByDistrict", 25_920L), Map.of("200", 25_920L),
        List.of("192.0.2.200"), List.of("SlotFinderBot/2.1 (+https://example.org/bot)"), List.of());
  }

  static CaseFindings scrapingCase() {
    Map<String, Long> channels = new LinkedHashMap<>();
    channels.put("citizen", 120_000L);
    channels.put("vaccinator", 40_000L);
    channels.put("partner", 22_000L);
    channels.put("none", 340L);
    Coverage coverage = new Coverage(T0, T0 + 72 * H - 1, 182_340, 41_220, channels, List.of(),
        List.of(new Gap(T0 + 27 * H, T0 + 29 * H, 0, "no-events")), 12, List.of());
    Conclusion conclusion = new Conclusion("direct-api-scraping-evidenced", true, true, 0.93,
        "One citizen token read 4,812 certificates in order; one vaccinator id searched 178 mobiles at night.",
        4_990, Map.of("mobile", 178L, "reference", 4_812L), T0 + 20 * H, T0 + 41 * H + 3_000,
        List.of(new Hypothesis("H1", "direct API scraping", "supported", 0.93,
                "principal tok-7f3a9c read 4,812 distinct beneficiaries' certificates, walking identifiers in order",
                List.of("principal:tok-7f3a9c")),
            new Hypothesis("H2", "authorised-credential misuse", "supported", 0.8,
                "vaccinator vac-00412 searched 178 mobiles between 01:30 and 05:30 IST with no vaccination recorded",
                List.of("principal:vac-00412")),
            new Hypothesis("H3", "no sign of direct access", "refuted", 0.93, "H1 is supported", List.of())));
    Map<String, Long> byEndpoint = new LinkedHashMap<>();
    byEndpoint.put("/api/v3/certificate/{ref}", 51L);
    byEndpoint.put("/api/v2/auth/confirmOTP", 6L);
    LeakCorrelation leak = new LeakCorrelation(200, 57, 51, 6, byEndpoint, Map.of("principal:tok-7f3a9c", 51L),
        List.of(new LeakSubject("ps_91c2e0", 1, "flagged-actor", List.of("principal:tok-7f3a9c"), T0 + 26 * H + 120_000),
            new LeakSubject("ps_0d13aa", 3, "owner-only", List.of("principal:tok-c01"), T0 + 5 * H)));
    return new CaseFindings(CaseFindings.SCHEMA_VERSION, conclusion, coverage, incidents(), List.of(scraper(), misuse(),
        suspiciousSubnet(), slotBot()), rules(), leak);
  }

  /** The two incidents of the scraping case: the misused vaccinator at night, then the token's walk. */
  static List<Incident> incidents() {
    String night = Instant.ofEpochMilli(T0 + 20 * H).toString();
    String dawn = Instant.ofEpochMilli(T0 + 24 * H).toString();
    String walkStart = Instant.ofEpochMilli(T0 + 26 * H + 120_000).toString();
    String walkEnd = Instant.ofEpochMilli(T0 + 41 * H + 3_000).toString();
    return List.of(
        new Incident("INC-1", "credential-misuse", "Credential misuse of vac-00412: Vaccinator searches at machine pace"
            + " at night", 0.8, List.of(new Window(night, dawn)), List.of("principal:vac-00412",
            "ip:198.51.100.23"), List.of(new Indicator("ipv4", "198.51.100.23", night, dawn, 190)),
            List.of(new ContextValue("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
                "used by the attack (190 events) and by other traffic (52,000 events): do not block")),
            190, 178, Map.of("mobile", 178L), 178, misuse().evidence(),
            List.of("Vaccinator searches at machine pace at night"), true),
        new Incident("INC-2", "scraping", "Direct API scraping: Citizen token reads many beneficiaries from 203.0.113.7",
            0.95, List.of(new Window(walkStart, walkEnd)), List.of("principal:tok-7f3a9c", "ip:203.0.113.7"),
            List.of(new Indicator("ipv4", "203.0.113.7", walkStart, walkEnd, 5_210),
                new Indicator("ipv6", "2001:db8::5", walkStart, walkEnd, 12),
                new Indicator("subnet", "203.0.113.0/24", walkStart, walkEnd, 5_210),
                new Indicator("user-agent", "python-requests/2.31.0", walkStart, walkEnd, 5_210),
                new Indicator("principal", "tok-7f3a9c", walkStart, walkEnd, 5_210)),
            List.of(), 5_210, 4_812, Map.of("reference", 4_812L), 5_100, scraper().evidence(),
            List.of("Citizen token reads many beneficiaries", "Identifiers walked in order"), true));
  }

  static CaseFindings cleanCase() {
    Coverage coverage = new Coverage(T0, T0 + 72 * H - 1, 182_340, 41_220,
        Map.of("citizen", 120_000L, "vaccinator", 40_000L, "partner", 22_340L), List.of(), List.of(), 12, List.of());
    Conclusion conclusion = new Conclusion("no-sign-of-direct-api-scraping", false, false, 0.85,
        "No actor shows fan-out on record-returning endpoints.", 0, Map.of(), -1, -1,
        List.of(new Hypothesis("H1", "direct API scraping", "refuted", 0.85, "no actor fans out over subjects", List.of()),
            new Hypothesis("H2", "authorised-credential misuse", "refuted", 0.85, "every vaccinator search is followed by a vaccination", List.of()),
            new Hypothesis("H3", "no sign of direct access", "supported", 0.85, "complete coverage and no anomalous actor",
                List.of("user_agent:SlotFinderBot/2.1 (+https://example.org/bot)"))));
    ActorFinding quietIp = new ActorFinding("ip", "100.64.0.9", List.of(), "no-sign", 0.7, List.of(), T0, T0 + 70 * H,
        3_000, 40, Map.of("/api/v3/certificate/{ref}", 3_000L), Map.of("200", 3_000L), List.of("100.64.0.9"),
        List.of("okhttp/4.9"), List.of());
    return new CaseFindings(CaseFindings.SCHEMA_VERSION, conclusion, coverage, List.of(), List.of(slotBot(), quietIp),
        rules(), null);
  }

  /** The scraping case with an extra flagged actor whose strings are hostile. */
  static CaseFindings hostileCase() {
    CaseFindings base = scrapingCase();
    ActorFinding hostile = new ActorFinding("user_agent", UA_SCRIPT, List.of(new ActorRef("user_agent", UA_FORMULA)),
        "scraping", 0.9,
        List.of(new RuleHit("ua-automation", "Non-browser user agent", "low", 1, 1, "eq", T0, T0 + H)),
        T0, T0 + H, 10, 10, Map.of("/x|y`z[a](http://evil)", 10L), Map.of("200", 10L), List.of("203.0.113.66"),
        List.of(UA_SCRIPT, UA_FORMULA, "it's a \\ test"),
        List.of(new Evidence("logs/gw-2023-06-08.log.gz", 7, T0, LINE_INJECTION)));
    List<ActorFinding> actors = new java.util.ArrayList<>(base.actors());
    actors.add(0, hostile);
    String start = Instant.ofEpochMilli(T0).toString();
    String end = Instant.ofEpochMilli(T0 + H).toString();
    Incident hostileIncident = new Incident("INC-3", "scraping", "Direct API scraping: " + UA_SCRIPT, 0.9,
        List.of(new Window(start, end)), List.of("user_agent:" + UA_SCRIPT, "user_agent:" + UA_FORMULA),
        List.of(new Indicator("user-agent", UA_SCRIPT, start, end, 10), new Indicator("user-agent", UA_FORMULA, start, end, 10),
            new Indicator("user-agent", "it's a \\ test", start, end, 10)),
        List.of(new ContextValue("user-agent", "Mozilla/5.0", "shared")), 10, 10, Map.of("reference", 10L), 10,
        hostile.evidence(), List.of("Non-browser user agent"), false);
    List<Incident> incidents = new java.util.ArrayList<>(base.incidents());
    incidents.add(hostileIncident);
    return new CaseFindings(base.schemaVersion(), base.conclusion(), base.coverage(), incidents, actors,
        base.rules(), base.leak());
  }

  /** Synthetic hourly counts over the 72 hours, with the gap empty and the actors' hours marked. */
  static Activity activity(CaseFindings findings) {
    long[] overall = new long[72];
    for (int i = 0; i < 72; i++) {
      int hourIst = (i + 5) % 24;
      overall[i] = 1_000 + 2_500L * Math.max(0, 12 - Math.abs(hourIst - 13)) / 12 + (i * 37 % 200);
    }
    overall[27] = 0;
    overall[28] = 0;
    Map<String, TimeSeries> byActor = new LinkedHashMap<>();
    for (ActorFinding a : findings.actors()) {
      long[] c = new long[72];
      int from = (int) Math.max(0, (a.firstSeen() - T0) / H);
      int to = (int) Math.min(71, (a.lastSeen() - T0) / H);
      for (int i = from; i <= to; i++) {
        if (i != 27 && i != 28) {
          c[i] = a.requests() / Math.max(1, to - from + 1) + (i % 3) * 7;
          overall[i] += c[i] / 4;
        }
      }
      byActor.put(Labels.actorKey(a.kind(), a.value()), new TimeSeries(T0, H, c));
    }
    return new Activity(new TimeSeries(T0, H, overall), byActor);
  }

  static Report build(CaseFindings findings) {
    return new ReportBuilder(findings, manifest(), run()).activity(activity(findings)).rejects(rejects())
        .clock(CLOCK).toolVersion("0.1.0-test").build();
  }
}
