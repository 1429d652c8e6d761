package org.apiaudit.simulate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the ground truth as {@code labels.json}, schema {@value #SCHEMA} (documented in the
 * {@code simulate} command's help):
 *
 * <pre>
 * { "schema": "apiaudit.simulate.labels/v1",
 *   "run": {seed, first_day, days, scale, timezone, formats[], files[]},
 *   "scenarios": [{name, class, intensity, stealth, start, end, subjects_parameter,
 *                  distinct_subjects, requests, records_returned, not_found, rate_limited,
 *                  first_seen, last_seen,
 *                  activity: [{start, end, requests}],
 *                  attacker: {ips[], user_agents[], principals[]},
 *                  subjects_returned, subjects_returned_by_kind: {kind: count},
 *                  victim_infrastructure: {ips[], user_agents[]}}],
 *   "actors": [{kind: ip|subnet|principal|user_agent, value, class, scenario, role}],
 *   "benign": {ips[], user_agents[]},
 *   "leak_sample": {file, size, accessed_by_attacker[], accessed_count, untraceable_scraped} }
 * </pre>
 *
 * <p>The evidence fields are the truth a report's facts are scored against ({@code analyzer
 * evaluate}):
 *
 * <ul>
 *   <li>{@code activity}: the periods the scenario's requests fall in (ISO-8601 with offset, like
 *       {@code first_seen}), split wherever the attack pauses more than 30 minutes, each with
 *       its number of requests. A live canary bot's lookups through the misused vaccinator
 *       credential count here (and in {@code attacker} and {@code subjects_returned}) but not in
 *       {@code requests}.
 *   <li>{@code attacker}: every client address, user agent and principal the scenario's requests
 *       used, distinctive or not (a spoofed browser string, a partner's own SDK string).
 *   <li>{@code subjects_returned}: distinct subjects, as the log line's {@code subject}, whose
 *       record a 2xx answer on a record-returning endpoint (endpoints.txt) gave the attacker,
 *       not counting its own login's family (a token reading the mobile it was issued for);
 *       {@code subjects_returned_by_kind} counts them by the
 *       analyzer's {@code subject.kind} ({@code mobile}, {@code reference}, {@code aadhaar}).
 *       {@code records_returned} instead counts requests that returned a victim's record.
 *   <li>{@code victim_infrastructure}: for a credential-misuse scenario, the addresses and user
 *       agents the misused credential's owner used in its own benign traffic; empty otherwise.
 *   <li>{@code benign}: every client address and user agent of benign (non-attack) traffic. An
 *       attacker's address or user agent may be in it too (a partner's SDK string, a spoofed
 *       browser): such a value is no indicator of the attack.
 * </ul>
 *
 * Addresses are sorted numerically, other lists as strings. Memory: sets of the distinct values,
 * never per event (the benign addresses, the largest, are about 180,000 ints in a week at the
 * benchmark's scale).
 *
 * {@code untraceable_scraped} counts the citizens whose record an attacker received but whom the
 * logs do not tie to their mobile (a certificate read by reference id that the owner's own
 * session never used in the window): they are left out of the leak sample, see {@link
 * LeakSample}.
 *
 * <p>Key order and array order are fixed so that the file is byte-identical across runs.
 */
final class LabelsWriter {
  static final String SCHEMA = "apiaudit.simulate.labels/v1";
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
          .withZone(SimContext.IST);

  private LabelsWriter() {}

  static void write(Path file, SimulationConfig config, List<Path> files, GroundTruth truth,
      LeakSample leak, CanaryBot canary) throws IOException {
    JsonFactory factory = new JsonFactory();
    try (JsonGenerator g = factory.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeObjectFieldStart("run");
      g.writeNumberField("seed", config.seed());
      g.writeStringField("first_day", config.firstDay().toString());
      g.writeNumberField("days", config.days());
      g.writeNumberField("scale", config.scale());
      g.writeStringField("timezone", "+05:30");
      g.writeArrayFieldStart("formats");
      for (DayFormat f : config.dayFormats()) {
        g.writeString(f.toString());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("files");
      for (Path p : files) {
        g.writeString(p.getFileName().toString());
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("scenarios");
      for (ScenarioStats s : truth.scenarios()) {
        writeScenario(g, s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("actors");
      for (Label label : truth.labels()) {
        g.writeStartObject();
        g.writeStringField("kind", label.kind());
        g.writeStringField("value", label.value());
        g.writeStringField("class", label.truthClass().label());
        g.writeStringField("scenario", label.scenario());
        g.writeStringField("role", label.role());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("benign");
      writeStrings(g, "ips", truth.benignIps.sorted());
      writeStrings(g, "user_agents", new TreeSet<>(truth.benignUserAgents));
      g.writeEndObject();
      g.writeObjectFieldStart("leak_sample");
      g.writeStringField("file", config.leakSampleFile().getFileName().toString());
      g.writeNumberField("size", leak.mobiles().size());
      g.writeArrayFieldStart("accessed_by_attacker");
      for (long mobile : leak.accessedByAttacker()) {
        g.writeString(Long.toString(mobile));
      }
      g.writeEndArray();
      g.writeNumberField("accessed_count", leak.accessedByAttacker().size());
      g.writeNumberField("untraceable_scraped", leak.untraceableScraped());
      g.writeEndObject();
      if (canary != null) {
        writeCanary(g, config, canary);
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /**
   * The canary ground truth (only with {@code --canary}): the bot's actor ids and each probe's
   * planted delay. Probes are cited by their line in probes.csv, never by mobile.
   */
  private static void writeCanary(JsonGenerator g, SimulationConfig config, CanaryBot canary)
      throws IOException {
    g.writeObjectFieldStart("canary");
    g.writeStringField("mode", canary.mode.cliName());
    g.writeStringField("probes_file", config.probesFile().getFileName().toString());
    g.writeNumberField("probes", canary.probes.size());
    if (canary.mode == CanaryMode.LIVE) {
      g.writeStringField("scenario", canary.scenario);
      g.writeObjectFieldStart("actor");
      g.writeStringField("principal", canary.vaccinator.id);
      g.writeStringField("ip", AddressSpace.format(canary.ip));
      g.writeStringField("user_agent", canary.userAgent.text);
      g.writeStringField("endpoint", Endpoint.VACCINATOR_SEARCH.path);
      g.writeEndObject();
    } else {
      g.writeNullField("scenario");
      g.writeNullField("actor");
    }
    g.writeArrayFieldStart("planted");
    for (int i = 0; i < canary.probes.size(); i++) {
      CanaryBot.Planted p = canary.probes.get(i);
      g.writeStartObject();
      g.writeNumberField("line", i + 2);
      g.writeStringField("queried_at", CanaryBot.isoSeconds(p.queriedAt()));
      if (p.delayMillis() >= 0) {
        g.writeStringField("called_at", ISO_MILLIS.format(Instant.ofEpochMilli(p.queriedAt() + p.delayMillis())));
        g.writeNumberField("delay_ms", p.delayMillis());
      } else {
        g.writeNullField("called_at");
        g.writeNullField("delay_ms");
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeScenario(JsonGenerator g, ScenarioStats s) throws IOException {
    ScenarioSpec spec = s.spec;
    g.writeStartObject();
    g.writeStringField("name", spec.kind().cliName());
    g.writeStringField("class", spec.kind().truthClass().label());
    g.writeStringField("intensity", spec.intensity().name().toLowerCase(Locale.ROOT));
    g.writeBooleanField("stealth", spec.stealth());
    g.writeStringField("start", spec.start().atOffset(SimContext.IST).toString());
    g.writeStringField("end", spec.start().plus(spec.duration()).atOffset(SimContext.IST)
        .toString());
    g.writeNumberField("subjects_parameter", spec.subjects());
    g.writeNumberField("distinct_subjects", s.distinctSubjects());
    g.writeNumberField("requests", s.requests);
    g.writeNumberField("records_returned", s.recordsReturned);
    g.writeNumberField("not_found", s.notFound);
    g.writeNumberField("rate_limited", s.rateLimited);
    if (s.requests > 0) {
      g.writeStringField("first_seen", ISO_MILLIS.format(Instant.ofEpochMilli(s.firstSeen)));
      g.writeStringField("last_seen", ISO_MILLIS.format(Instant.ofEpochMilli(s.lastSeen)));
    } else {
      g.writeNullField("first_seen");
      g.writeNullField("last_seen");
    }
    g.writeArrayFieldStart("activity");
    for (ScenarioStats.Period p : s.activity) {
      g.writeStartObject();
      g.writeStringField("start", ISO_MILLIS.format(Instant.ofEpochMilli(p.start)));
      g.writeStringField("end", ISO_MILLIS.format(Instant.ofEpochMilli(p.end)));
      g.writeNumberField("requests", p.requests);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("attacker");
    writeStrings(g, "ips", s.attackerIps.sorted());
    writeStrings(g, "user_agents", s.attackerUserAgents);
    writeStrings(g, "principals", s.attackerPrincipals);
    g.writeEndObject();
    g.writeNumberField("subjects_returned", s.subjectsReturned.size());
    g.writeObjectFieldStart("subjects_returned_by_kind");
    for (Map.Entry<String, Integer> k : s.subjectsReturnedByKind.entrySet()) {
      g.writeNumberField(k.getKey(), k.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("victim_infrastructure");
    writeStrings(g, "ips", s.victimIps.sorted());
    writeStrings(g, "user_agents", s.victimUserAgents);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String field, Collection<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
