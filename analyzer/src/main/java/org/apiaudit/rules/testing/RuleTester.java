package org.apiaudit.rules.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.Durations;
import org.apiaudit.UserException;
import org.apiaudit.detect.DetectionEngine;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.Instants;
import org.apiaudit.index.IpAddresses;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.ingest.UrlFields;
import org.apiaudit.rules.FieldMapping;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the example events of every rule ({@code *.tests.yml} beside the rule files) against a
 * temporary index and checks that each case fires, or does not fire, the rule it names.
 *
 * <p>Test file format:
 * <pre>
 * tests:
 *   - rule: 5513deaf-...            # id of the rule under test
 *     name: union select in query   # what the case shows
 *     expect: match                 # or no-match
 *     actor: 203.0.113.7            # optional: the group value that must (not) fire
 *     events:
 *       - fields: {cs-method: GET, cs-uri-query: "id=1 UNION SELECT 1"}
 *       - repeat: 40                # optional, default 1
 *         every: 20s                # spacing of repeats, default 1s
 *         start: 2023-06-10T10:00:00+05:30   # default: right after the previous event
 *         fields:
 *           auth.principal: tk-1
 *           subject.id: ps-{i}      # {i} is 0..repeat-1; {i*K} and {i*K%M} too
 * </pre>
 * Field names are those rules accept (Sigma webserver names, schema names, aliases). Events
 * of one case are indexed together and the whole rule set runs on them, so correlations see
 * their referenced rules. Missing {@code @timestamp} is filled from {@code start}/{@code every}.
 */
public final class RuleTester {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{i(?:\\*(\\d+))?(?:%(\\d+))?(?:\\+(\\d+))?\\}");
  static final long DEFAULT_START = Instants.parse("2023-06-10T10:00:00+05:30");

  /** The outcome of one case. */
  public record CaseResult(String file, String ruleId, String ruleTitle, String name, boolean passed, String detail) {}

  private final FieldMapping mapping = FieldMapping.load();

  /** Runs every tests file under {@code rulesDir}; also reports rules that have no test. */
  public List<CaseResult> run(Path rulesDir, RuleSet rules) {
    List<CaseResult> results = new ArrayList<>();
    List<Path> files;
    try (var s = Files.walk(rulesDir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(RuleLoader.TESTS_SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UserException("cannot list " + rulesDir + ": " + e.getMessage());
    }
    java.util.Set<String> tested = new java.util.HashSet<>();
    DetectionEngine engine = new DetectionEngine(rules);
    for (Path f : files) {
      String rel = rulesDir.relativize(f).toString().replace('\\', '/');
      for (Map<String, Object> c : cases(f, rel)) {
        results.add(runCase(rel, c, rules, engine));
        tested.add(String.valueOf(c.get("rule")));
      }
    }
    for (Rule r : rules.rules()) {
      if (!tested.contains(r.id()) && (r.meta().name() == null || !tested.contains(r.meta().name()))
          && !(r instanceof org.apiaudit.rules.DetectionRule d && !rules.reportsOnItsOwn(d))) {
        results.add(new CaseResult(r.meta().file(), r.id(), r.meta().title(), "(has example events)", false,
            "no test case in a " + RuleLoader.TESTS_SUFFIX + " file names this rule"));
      }
    }
    results.sort(Comparator.comparing(CaseResult::file).thenComparing(CaseResult::ruleId));
    return results;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cases(Path f, String rel) {
    Object root;
    try (var in = Files.newInputStream(f)) {
      root = new Load(LoadSettings.builder().setLabel(rel).build()).loadFromInputStream(in);
    } catch (IOException | RuntimeException e) {
      throw new UserException(rel + ": cannot read tests: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> m) || !(m.get("tests") instanceof List<?> list)) {
      throw new UserException(rel + ": tests: expected a top-level 'tests' list");
    }
    return (List<Map<String, Object>>) list;
  }

  @SuppressWarnings("unchecked")
  private CaseResult runCase(String file, Map<String, Object> c, RuleSet rules, DetectionEngine engine) {
    String ruleRef = String.valueOf(c.get("rule"));
    String name = String.valueOf(c.getOrDefault("name", "(unnamed)"));
    Rule rule = rules.find(ruleRef);
    if (rule == null) {
      return new CaseResult(file, ruleRef, "?", name, false, "no rule with id or name " + ruleRef);
    }
    String expect = String.valueOf(c.getOrDefault("expect", "match"));
    if (!expect.equals("match") && !expect.equals("no-match")) {
      throw new UserException(file + ": test '" + name + "': expect: must be match or no-match; got: " + expect);
    }
    Object actor = c.get("actor");
    Path dir = null;
    try {
      dir = Files.createTempDirectory("apiaudit-ruletest");
      int n = writeEvents(dir, (List<Map<String, Object>>) c.getOrDefault("events", List.of()), file, name);
      List<GroupHit> hits;
      try (DirectoryReader reader = ColumnViews.wrap(DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir)))) {
        hits = engine.run(reader, TimeWindow.ALL).hits();
      }
      List<GroupHit> mine = hits.stream().filter(h -> h.rule().id().equals(rule.id()))
          .filter(h -> actor == null || h.values().contains(actor.toString())).toList();
      boolean fired = !mine.isEmpty();
      boolean pass = fired == expect.equals("match");
      String detail = (fired ? "fired" : "did not fire") + " on " + n + " event(s)"
          + (fired ? " (measured " + CaseFindings.round(mine.get(0).measured()) + " " + mine.get(0).op() + " "
          + mine.get(0).threshold() + " for " + mine.get(0).values() + ")" : "") + "; expected " + expect;
      return new CaseResult(file, rule.id(), rule.meta().title(), name, pass, detail);
    } catch (IOException e) {
      throw new UserException("cannot build a test index: " + e.getMessage());
    } finally {
      deleteQuietly(dir);
    }
  }

  /**
   * The spacing of repeated example events: a rule timespan ({@code 1s}, {@code 5m}) or, for the
   * bursts edge-log rules look for (scanners send tens of requests a second), milliseconds
   * ({@code 100ms}).
   */
  static long every(String text) {
    if (text.endsWith("ms")) {
      try {
        long ms = Long.parseLong(text.substring(0, text.length() - 2));
        if (ms > 0) {
          return ms;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new IllegalArgumentException("expected a spacing such as 100ms, 1s or 5m; got: " + text);
    }
    return Durations.parseTimespan(text);
  }

  /** Indexes the event specs of one case into {@code dir}; returns how many events were written. */
  @SuppressWarnings("unchecked")
  public int writeEvents(Path dir, List<Map<String, Object>> specs, String file, String name) throws IOException {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    long next = DEFAULT_START;
    int count = 0;
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      for (Map<String, Object> spec : specs) {
        int repeat = Integer.parseInt(String.valueOf(spec.getOrDefault("repeat", "1")));
        long every = every(String.valueOf(spec.getOrDefault("every", "1s")));
        if (spec.get("start") != null) {
          next = Instants.parse(String.valueOf(spec.get("start")));
        }
        Map<String, Object> fields = (Map<String, Object>) spec.getOrDefault("fields", Map.of());
        for (int i = 0; i < repeat; i++) {
          Event e = new Event();
          e.set(Field.TIMESTAMP, next);
          e.set(Field.LOG_FILE, file);
          e.set(Field.LOG_LINE, count + 1);
          for (Map.Entry<String, Object> f : fields.entrySet()) {
            Field field = mapping.resolve(f.getKey());
            if (field == null) {
              throw new UserException(file + ": test '" + name + "': unknown field " + f.getKey());
            }
            String value = substitute(String.valueOf(f.getValue()), i);
            if (field.isNumeric()) {
              e.set(field, field == Field.TIMESTAMP ? Instants.parse(value) : Long.parseLong(value));
            } else {
              e.set(field, value);
            }
          }
          String subnet = e.has(Field.SOURCE_IP) && !e.has(Field.SOURCE_SUBNET)
              ? IpAddresses.subnetOf(e.get(Field.SOURCE_IP)) : null;
          if (subnet != null) {
            e.set(Field.SOURCE_SUBNET, subnet); // as ingest derives it, IPv6 /64 included
          }
          UrlFields.derive(e);
          if (!e.has(Field.ORIGINAL)) {
            e.set(Field.ORIGINAL, e.toString());
          }
          w.addDocument(builder.build(e));
          next = e.getLong(Field.TIMESTAMP) + every;
          count++;
        }
      }
      w.commit();
    }
    return count;
  }

  static String substitute(String template, int i) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      long v = i;
      if (m.group(1) != null) {
        v *= Long.parseLong(m.group(1));
      }
      if (m.group(2) != null) {
        v %= Long.parseLong(m.group(2));
      }
      if (m.group(3) != null) {
        v += Long.parseLong(m.group(3));
      }
      m.appendReplacement(sb, Long.toString(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
