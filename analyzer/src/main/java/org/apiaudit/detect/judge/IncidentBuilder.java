package org.apiaudit.detect.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.CoverageCollector;
import org.apiaudit.detect.scan.EventSource;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.index.Instants;
import org.apiaudit.schema.Field;

/**
 * Turns the actors judged scraping or credential misuse into incidents: one per attack, with the
 * periods its anomalous traffic fills, the addresses and user agents safe to share, and the
 * people whose records it received. These are the facts a CERT forwards, so each is measured on
 * the incident's own events, never on an actor's whole lifetime:
 * <ul>
 *   <li>an incident's events are those of its attack-only parts: clusters (their events exclude a
 *       misused credential's normal work) and actors whose every event is attack traffic
 *       ({@link Attribution#isSeed}); an actor with neither contributes its events inside the
 *       periods its rules fired in;</li>
 *   <li>parts join into one incident when they share an address or a principal, never through a
 *       user agent or a /24, which unrelated attacks and citizens share;</li>
 *   <li>windows are those events' times split wherever the traffic pauses over {@link #PAUSE_MS};</li>
 *   <li>an address, /24, user agent or principal is an indicator only if every event it has in the
 *       analysed window is one of the incident's: anything also used by other traffic (the victim
 *       account's office, a carrier NAT, the mobile app's user agent, a misused credential's own
 *       daytime work) is context, not to block;</li>
 *   <li>subjects affected are the distinct subjects whose record a record-returning endpoint
 *       returned (2xx) to those events.</li>
 * </ul>
 */
public final class IncidentBuilder {
  /** A pause in an incident's traffic longer than this starts a new window. */
  static final long PAUSE_MS = 30 * 60_000L;
  /** Evidence lines kept per incident. */
  static final int EVIDENCE_LINES = 6;
  /** Context values listed per incident (the most used with the attack first). */
  static final int CONTEXT_CAP = 20;
  /** Records returned that decide a case even when a single rule fired: far beyond any family. */
  static final long CORROBORATING_RECORDS = 50;
  private static final List<Field> INDICATOR_FIELDS =
      List.of(Field.SOURCE_IP, Field.SOURCE_SUBNET, Field.USER_AGENT, Field.PRINCIPAL);

  /**
   * One piece of an incident as detection found it.
   *
   * @param label {@code kind:value} of the actor or cluster
   * @param members the identifiers it is made of ({@code kind:value}; the label itself for one)
   * @param joins the address and principal labels that tie it to other parts
   * @param verdict scraping or credential misuse
   * @param confidence the part's confidence
   * @param events its attack events (without the analysed window), or null to contribute none
   * @param rules titles of the rules that fired, most severe first
   */
  public record Part(String label, List<String> members, Set<String> joins, Verdict verdict, double confidence, Query events,
      List<String> rules) {}

  private final EventSource source;
  private final TimeWindow timeWindow;
  private final Query window;
  /** The events of the parts being built, from {@link #source} (set by {@link #build}). */
  private IndexReader reader;
  private IndexSearcher searcher;

  public IncidentBuilder(EventSource source, TimeWindow window) {
    this.source = source;
    this.timeWindow = window;
    this.window = window.query();
  }

  /**
   * The incidents, ordered by their first event (ids {@code INC-1}, {@code INC-2}, …), and the
   * distinct subjects affected over those that decide the case, in all and by identifier kind.
   */
  public record Result(List<CaseFindings.Incident> incidents, long subjectsAffected, Map<String, Long> subjectsByKind) {}

  public Result build(List<Part> parts) {
    reader = source.readerWithAny(parts.stream().map(Part::events).filter(Objects::nonNull).toList(), timeWindow);
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    List<List<Part>> groups = group(parts);
    List<Measured> measured = new ArrayList<>();
    for (List<Part> g : groups) {
      Measured m = measure(g);
      if (m != null) {
        measured.add(m);
      }
    }
    measured.sort(Comparator.comparingLong((Measured m) -> m.first).thenComparing(m -> m.parts.get(0).label()));
    List<CaseFindings.Incident> out = new ArrayList<>();
    Set<String> all = new HashSet<>();
    Map<String, Set<String>> byKind = new TreeMap<>();
    for (Measured m : measured) {
      CaseFindings.Incident inc = m.incident("INC-" + (out.size() + 1));
      out.add(inc);
      if (!inc.decidesCase()) {
        continue;
      }
      m.affected.forEach((kind, subjects) -> {
        all.addAll(subjects);
        byKind.computeIfAbsent(kind, k -> new HashSet<>()).addAll(subjects);
      });
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    byKind.forEach((k, v) -> counts.put(k, (long) v.size()));
    return new Result(out, all.size(), counts);
  }

  /** Union-find over parts sharing an address or principal label. */
  private static List<List<Part>> group(List<Part> parts) {
    int[] parent = new int[parts.size()];
    Arrays.setAll(parent, i -> i);
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      for (String j : parts.get(i).joins()) {
        Integer o = owner.putIfAbsent(j, i);
        if (o != null) {
          parent[find(parent, i)] = find(parent, o);
        }
      }
    }
    Map<Integer, List<Part>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(parts.get(i));
    }
    return new ArrayList<>(byRoot.values());
  }

  private static int find(int[] parent, int a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  /** What one incident's events show, before it gets its id. */
  private final class Measured {
    final List<Part> parts;
    long first = Long.MAX_VALUE;
    long requests;
    final List<long[]> windows = new ArrayList<>();
    final Map<String, ValueUse> values = new LinkedHashMap<>();
    final Map<String, Set<String>> affected = new LinkedHashMap<>();
    final Set<String> targeted = new HashSet<>();
    final List<long[]> recordDocs = new ArrayList<>();
    final List<long[]> otherDocs = new ArrayList<>();

    Measured(List<Part> parts) {
      this.parts = parts;
    }

    CaseFindings.Incident incident(String id) {
      Verdict verdict = Verdict.SCRAPING;
      double confidence = 0;
      Set<String> actors = new LinkedHashSet<>();
      for (Part p : parts) {
        verdict = p.verdict() == Verdict.CREDENTIAL_MISUSE ? Verdict.CREDENTIAL_MISUSE : verdict;
        confidence = Math.max(confidence, p.confidence());
        actors.add(p.label());
        actors.addAll(p.members());
      }
      List<CaseFindings.Indicator> indicators = new ArrayList<>();
      List<CaseFindings.ContextValue> context = new ArrayList<>();
      List<ValueUse> uses = new ArrayList<>(values.values());
      uses.sort(Comparator.comparingInt((ValueUse u) -> typeRank(u.type())).thenComparingLong(u -> -u.events)
          .thenComparing(u -> u.value));
      for (ValueUse u : uses) {
        long total = total(u.field, u.value);
        if (total == u.events) {
          indicators.add(new CaseFindings.Indicator(u.type(), u.value, Instants.format(u.first),
              Instants.format(u.last), u.events));
        } else if (context.size() < CONTEXT_CAP) {
          context.add(new CaseFindings.ContextValue(u.type(), u.value, String.format(java.util.Locale.ROOT,
              "used by the attack (%d events) and by other traffic (%d events): do not block", u.events,
              total - u.events)));
        }
      }
        Map<String, Long> byKind = new TreeMap<>();
      Set<String> all = new HashSet<>();
      affected.forEach((kind, subjects) -> {
        byKind.put(kind, (long) subjects.size());
        all.addAll(subjects);
      });
      List<CaseFindings.Window> ws = windows.stream()
          .map(w -> new CaseFindings.Window(Instants.format(w[0]), Instants.format(w[1]))).toList();
      List<String> rules = parts.stream().flatMap(p -> p.rules().stream()).distinct().toList();
      boolean decides = rules.size() >= 2 || all.size() >= CORROBORATING_RECORDS;
      return new CaseFindings.Incident(id, verdict.label(), title(verdict, indicators), CaseFindings.round(confidence),
          ws, new ArrayList<>(actors), indicators, context, requests, all.size(), new LinkedHashMap<>(byKind),
          targeted.size(), evidence(), rules, decides);
    }

    private String title(Verdict verdict, List<CaseFindings.Indicator> indicators) {
      String rule = parts.stream().flatMap(p -> p.rules().stream()).findFirst().orElse("rules fired");
      if (verdict == Verdict.CREDENTIAL_MISUSE) {
        String principal = parts.stream().flatMap(p -> p.joins().stream()).filter(j -> j.startsWith("principal:"))
            .map(j -> j.substring(j.indexOf(':') + 1)).findFirst().orElse(null);
        return principal == null ? "Credential misuse: " + rule : "Credential misuse of " + principal + ": " + rule;
      }
      String from = indicators.stream().filter(i -> !i.type().equals("user-agent")).map(CaseFindings.Indicator::value)
          .findFirst().orElse(null);
      return "Direct API scraping: " + rule + (from == null ? "" : " from " + from);
    }

    /** Up to {@link #EVIDENCE_LINES} lines spread over the incident, record-returning requests first. */
    private List<CaseFindings.Evidence> evidence() {
      List<long[]> pool = recordDocs.isEmpty() ? otherDocs : recordDocs;
      List<long[]> chosen = new ArrayList<>();
      int n = Math.min(EVIDENCE_LINES, pool.size());
      for (int i = 0; i < n; i++) {
        chosen.add(pool.get(n == 1 ? 0 : (int) ((long) i * (pool.size() - 1) / (n - 1))));
      }
      List<CaseFindings.Evidence> out = new ArrayList<>();
      try {
        for (long[] c : chosen) {
          out.add(ActorProfiler.evidence(reader.leaves().get((int) c[0]), (int) c[1], c[2]));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }
  }

  /** How one address, /24 or user agent was used by an incident's events. */
  private static final class ValueUse {
    final Field field;
    final String value;
    long events;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    ValueUse(Field field, String value) {
      this.field = field;
      this.value = value;
    }

    String type() {
      if (field == Field.USER_AGENT) {
        return "user-agent";
      }
      if (field == Field.SOURCE_SUBNET) {
        return "subnet";
      }
      if (field == Field.PRINCIPAL) {
        return "principal";
      }
      return value.indexOf(':') >= 0 ? "ipv6" : "ipv4";
    }
  }

  private static int typeRank(String type) {
    return switch (type) {
      case "ipv4", "ipv6" -> 0;
      case "subnet" -> 1;
      case "user-agent" -> 2;
      default -> 3;
    };
  }

  /**
   * Scans the incident's events once: times, values, subjects and evidence candidates. The parts'
   * events are marked per segment in a bit set first, so an event two parts share counts once and
   * an attack of thousands of parts (a rotating farm) needs no query of thousands of clauses.
   */
  private Measured measure(List<Part> group) {
    List<Weight> weights = new ArrayList<>();
    try {
      for (Part p : group) {
        if (p.events() != null) {
          Query q = new BooleanQuery.Builder().add(p.events(), Occur.FILTER).add(window, Occur.FILTER).build();
          weights.add(searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (weights.isEmpty()) {
      return null;
    }
    Measured m = new Measured(group);
    long[] times = new long[64];
    int n = 0;
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        FixedBitSet events = new FixedBitSet(ctx.reader().maxDoc());
        for (Weight w : weights) {
          Scorer s = w.scorer(ctx);
          if (s != null) {
            events.or(s.iterator());
          }
        }
        if (events.cardinality() == 0) {
          continue;
        }
        NumericDocValues time = DocValues.getNumeric(ctx.reader(), Field.TIMESTAMP.fieldName());
        NumericDocValues status = DocValues.getNumeric(ctx.reader(), Field.STATUS.fieldName());
        SortedDocValues cls = ActorProfiler.sorted(ctx, Field.ENDPOINT_CLASS);
        SortedDocValues subject = ActorProfiler.sorted(ctx, Field.SUBJECT_ID);
        SortedDocValues kind = ActorProfiler.sorted(ctx, Field.SUBJECT_KIND);
        SortedDocValues[] dv = new SortedDocValues[INDICATOR_FIELDS.size()];
        for (int i = 0; i < dv.length; i++) {
          dv[i] = ActorProfiler.sorted(ctx, INDICATOR_FIELDS.get(i));
        }
        DocIdSetIterator it = new BitSetIterator(events, 0);
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          long t = time.advanceExact(doc) ? time.longValue() : 0;
          if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
          }
          times[n++] = t;
          m.requests++;
          for (int i = 0; i < dv.length; i++) {
            String v = ActorProfiler.value(dv[i], doc);
            if (v != null) {
              Field f = INDICATOR_FIELDS.get(i);
              ValueUse u = m.values.computeIfAbsent(f.fieldName() + '\u0000' + v, k -> new ValueUse(f, v));
              u.events++;
              u.first = Math.min(u.first, t);
              u.last = Math.max(u.last, t);
            }
          }
          boolean record = CoverageCollector.RECORD_RETURNING.equals(ActorProfiler.value(cls, doc));
          String subj = ActorProfiler.value(subject, doc);
          if (record && subj != null) {
            m.targeted.add(subj);
            long code = status.advanceExact(doc) ? status.longValue() : 0;
            if (code >= 200 && code < 300) {
              String k = ActorProfiler.value(kind, doc);
              m.affected.computeIfAbsent(k == null ? "unknown" : k, x -> new HashSet<>()).add(subj);
            }
          }
          (record ? m.recordDocs : m.otherDocs).add(new long[] {ctx.ord, doc, t});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n == 0) {
      return null;
    }
    Arrays.sort(times, 0, n);
    m.recordDocs.sort(Comparator.comparingLong(a -> a[2]));
    m.otherDocs.sort(Comparator.comparingLong(a -> a[2]));
    m.first = times[0];
    long start = times[0];
    for (int i = 1; i < n; i++) {
      if (times[i] - times[i - 1] > PAUSE_MS) {
        m.windows.add(new long[] {start, times[i - 1]});
        start = times[i];
      }
    }
    m.windows.add(new long[] {start, times[n - 1]});
    return m;
  }

  /** All events of a value inside the analysed window. */
  private long total(Field f, String value) {
    return source.count(new BooleanQuery.Builder().add(FieldQueries.exact(f, value), Occur.FILTER)
        .add(window, Occur.FILTER).build());
  }
}
