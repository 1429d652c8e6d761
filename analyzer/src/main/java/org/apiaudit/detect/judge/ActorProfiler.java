package org.apiaudit.detect.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.apache.lucene.util.LongValues;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.memory.IntHashSet;
import org.apiaudit.detect.memory.LongCounts;
import org.apiaudit.detect.scan.CoverageCollector;
import org.apiaudit.detect.scan.GlobalOrds;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;

/**
 * Profiles flagged actors: requests, distinct subjects, endpoints, statuses, addresses, user
 * agents and a few evidence lines (record-returning requests first), by querying each actor's
 * own events. Only actors some rule fired for are profiled, so this pass is small.
 */
public final class ActorProfiler {
  /** Evidence lines kept per actor. */
  static final int EVIDENCE_LINES = 5;
  /** Distinct subjects are counted exactly up to this many per actor (a set of at most 8 MB). */
  static final int SUBJECT_CAP = 1 << 20;
  private static final int LIST_CAP = 30;

  private final IndexReader reader;
  private final IndexSearcher searcher;
  private final Query window;
  private final GlobalOrds subjectOrds;

  /**
   * @param subjectOrds index-wide ordinals of {@code subject.id} (the detection pass has them), so
   *     that distinct subjects are counted without turning each into a string
   */
  public ActorProfiler(IndexReader reader, TimeWindow window, GlobalOrds subjectOrds) {
    this.reader = reader;
    this.subjectOrds = subjectOrds;
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
    this.window = window.query();
  }

  /**
   * Profiles each actor, one per core at a time (each profile is its own query; the reader is
   * shared read-only), in the order given. Each thread takes the next actor when done with one, so
   * a few big actors (a carrier subnet has a hundred thousand events) do not leave a core idle.
   */
  public List<ActorProfile> profileAll(List<ActorKey> actors) {
    ActorProfile[] out = new ActorProfile[actors.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
        out[i] = profile(actors.get(i));
      }
    };
    int helpers = Math.min(actors.size(), Runtime.getRuntime().availableProcessors()) - 1;
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int h = 0; h < helpers; h++) {
      running.add(CompletableFuture.runAsync(work));
    }
    work.run();
    for (CompletableFuture<Void> f : running) {
      try {
        f.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : e;
      }
    }
    return Arrays.asList(out);
  }

  ActorProfile profile(ActorKey actor) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(window, Occur.FILTER);
    Map<Field, String> fixed = new HashMap<>();
    for (int i = 0; i < actor.fields().size(); i++) {
      b.add(FieldQueries.exact(actor.fields().get(i), actor.values().get(i)), Occur.FILTER);
      fixed.put(actor.fields().get(i), actor.values().get(i));
    }
    try {
      return collect(searcher.createWeight(searcher.rewrite(b.build()), ScoreMode.COMPLETE_NO_SCORES, 1f), fixed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Profiles the events matching {@code query} (a cluster's), within the window. */
  public ActorProfile profile(Query query) {
    Query q = new BooleanQuery.Builder().add(window, Occur.FILTER).add(query, Occur.FILTER).build();
    try {
      return collect(searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Profiles the events {@code weight} matches. Times are read only at the first and last match of
   * each segment (segments are sorted by time) and at evidence lines; an address or user agent
   * every matched event has ({@code fixed}, the actor's own) is counted without being read.
   */
  private ActorProfile collect(Weight weight, Map<Field, String> fixed) throws IOException {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long requests = 0;
    long recordEvents = 0;
    IntHashSet subjects = new IntHashSet();
    Map<String, Long> endpoints = new HashMap<>();
    Map<String, Long> statuses = new HashMap<>();
    Map<String, Long> auth = new HashMap<>();
    Map<String, Long> ips = new HashMap<>();
    Map<String, Long> uas = new HashMap<>();
    List<long[]> recordSamples = new ArrayList<>();
    List<long[]> otherSamples = new ArrayList<>();
    for (LeafReaderContext ctx : reader.leaves()) {
      Scorer s = weight.scorer(ctx);
      if (s == null) {
        continue;
      }
      NumericDocValues time = DocValues.getNumeric(ctx.reader(), Field.TIMESTAMP.fieldName());
      NumericDocValues status = DocValues.getNumeric(ctx.reader(), Field.STATUS.fieldName());
      SortedDocValues subject = sorted(ctx, Field.SUBJECT_ID);
      SortedDocValues template = sorted(ctx, Field.URL_TEMPLATE);
      SortedDocValues path = sorted(ctx, Field.URL_PATH);
      SortedDocValues cls = sorted(ctx, Field.ENDPOINT_CLASS);
      SortedDocValues authType = sorted(ctx, Field.AUTH_TYPE);
      SortedDocValues ip = sorted(ctx, Field.SOURCE_IP);
      SortedDocValues ua = sorted(ctx, Field.USER_AGENT);
      // Count by segment ordinal and turn ordinals into strings once per segment: a busy actor
      // has millions of events but few distinct values.
      OrdCounts templates = new OrdCounts(template);
      OrdCounts paths = new OrdCounts(path);
      OrdCounts auths = new OrdCounts(authType);
      OrdCounts ipCounts = fixed.containsKey(Field.SOURCE_IP) ? null : new OrdCounts(ip);
      OrdCounts uaCounts = fixed.containsKey(Field.USER_AGENT) ? null : new OrdCounts(ua);
      LongValues toGlobal = subjectOrds.segmentToGlobal(ctx.ord);
      int recordOrd = (int) cls.lookupTerm(new org.apache.lucene.util.BytesRef(CoverageCollector.RECORD_RETURNING));
      LongCounts statusCounts = new LongCounts();
      long segmentRequests = 0;
      int segmentRecordSamples = 0;
      int segmentOtherSamples = 0;
      int lastDoc = -1;
      DocIdSetIterator it = s.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (lastDoc < 0) {
          first = Math.min(first, timeOf(time, doc));
        }
        lastDoc = doc;
        segmentRequests++;
        if (subject.advanceExact(doc) && subjects.size() < SUBJECT_CAP) {
          subjects.add((int) toGlobal.get(subject.ordValue()));
        }
        if (!templates.add(doc)) {
          paths.add(doc);
        }
        if (status.advanceExact(doc)) {
          statusCounts.add(status.longValue());
        }
        auths.add(doc);
        if (ipCounts != null) {
          ipCounts.add(doc);
        }
        if (uaCounts != null) {
          uaCounts.add(doc);
        }
        boolean record = recordOrd >= 0 && cls.advanceExact(doc) && cls.ordValue() == recordOrd;
        if (record) {
          recordEvents++;
        }
        // a segment's docs are in time order, so its first few of each kind are its candidates
        if (record ? segmentRecordSamples++ < EVIDENCE_LINES : segmentOtherSamples++ < EVIDENCE_LINES) {
          (record ? recordSamples : otherSamples).add(new long[] {ctx.ord, doc, timeOf(time, doc)});
        }
      }
      if (lastDoc >= 0) {
        last = Math.max(last, timeOf(time, lastDoc));
      }
      requests += segmentRequests;
      templates.addTo(endpoints);
      paths.addTo(endpoints);
      auths.addTo(auth);
      count(ipCounts, fixed.get(Field.SOURCE_IP), segmentRequests, ips);
      count(uaCounts, fixed.get(Field.USER_AGENT), segmentRequests, uas);
      for (long code : statusCounts.sortedKeys()) {
        statuses.merge(Long.toString(code), statusCounts.get(code), Long::sum);
      }
    }
    List<CaseFindings.Evidence> evidence = earliest(reader, recordSamples, EVIDENCE_LINES);
    evidence.addAll(earliest(reader, otherSamples, EVIDENCE_LINES - evidence.size()));
    evidence.sort(EVIDENCE_ORDER);
    return new ActorProfile(requests == 0 ? -1 : first, requests == 0 ? -1 : last, requests, subjects.size(),
        recordEvents, sortedByCount(endpoints, Integer.MAX_VALUE), sortedByCount(statuses, Integer.MAX_VALUE),
        auth, new ArrayList<>(sortedByCount(ips, LIST_CAP).keySet()), new ArrayList<>(sortedByCount(uas, LIST_CAP).keySet()),
        evidence);
  }

  /** Time of {@code doc}, 0 when it has none (where the index sort puts it too). */
  private static long timeOf(NumericDocValues time, int doc) throws IOException {
    return time.advanceExact(doc) ? time.longValue() : 0;
  }

  /** Adds a segment's counts, or its {@code requests} for the one value every event has. */
  private static void count(OrdCounts counts, String fixed, long requests, Map<String, Long> into) throws IOException {
    if (counts != null) {
      counts.addTo(into);
    } else if (requests > 0) {
      into.merge(fixed, requests, Long::sum);
    }
  }

  /** Evidence in time order, ties by file and line: the same lines whatever the segment layout. */
  private static final java.util.Comparator<CaseFindings.Evidence> EVIDENCE_ORDER =
      java.util.Comparator.comparingLong(CaseFindings.Evidence::timestamp)
          .thenComparing(CaseFindings.Evidence::file, java.util.Comparator.nullsFirst(String::compareTo))
          .thenComparingLong(CaseFindings.Evidence::line);

  /**
   * The {@code n} earliest of the candidates ({segment, doc, time}), by {@link #EVIDENCE_ORDER}:
   * which segment an event landed in depends on ingest threads, the lines cited must not.
   */
  private static List<CaseFindings.Evidence> earliest(IndexReader reader, List<long[]> candidates, int n)
      throws IOException {
    List<CaseFindings.Evidence> all = new ArrayList<>();
    if (n <= 0 || candidates.isEmpty()) {
      return all;
    }
    // stored lines are read only for candidates up to the n-th earliest time (ties kept for the order)
    candidates.sort((a, b) -> Long.compare(a[2], b[2]));
    long cutoff = candidates.get(Math.min(n, candidates.size()) - 1)[2];
    for (long[] c : candidates) {
      if (c[2] > cutoff) {
        break;
      }
      all.add(evidence(reader.leaves().get((int) c[0]), (int) c[1], c[2]));
    }
    all.sort(EVIDENCE_ORDER);
    return new ArrayList<>(all.subList(0, Math.min(n, all.size())));
  }

  static CaseFindings.Evidence evidence(LeafReaderContext ctx, int doc, long ts) throws IOException {
    SortedDocValues file = sorted(ctx, Field.LOG_FILE);
    NumericDocValues line = DocValues.getNumeric(ctx.reader(), Field.LOG_LINE.fieldName());
    String original = EventDocumentBuilder.storedText(
        ctx.reader().storedFields().document(doc, Set.of(Field.ORIGINAL.fieldName())), Field.ORIGINAL);
    return new CaseFindings.Evidence(value(file, doc), line.advanceExact(doc) ? line.longValue() : 0, ts, original);
  }

  static SortedDocValues sorted(LeafReaderContext ctx, Field f) throws IOException {
    return DocValues.getSorted(ctx.reader(), f.fieldName());
  }

  /** The value at {@code doc}; docs must be visited in increasing order per instance. */
  static String value(SortedDocValues dv, int doc) throws IOException {
    return dv.advanceExact(doc) ? dv.lookupOrd(dv.ordValue()).utf8ToString() : null;
  }

  /**
   * Counts of one segment's sorted doc values by ordinal, turned into strings at the end. Kept
   * in a hash map, not an array over the segment's values: an actor has few of them, and
   * hundreds of actors are profiled.
   */
  private static final class OrdCounts {
    private final SortedDocValues dv;
    private final LongCounts counts = new LongCounts();

    OrdCounts(SortedDocValues dv) {
      this.dv = dv;
    }

    /** Counts the value at {@code doc} (docs in increasing order); false when there is none. */
    boolean add(int doc) throws IOException {
      if (!dv.advanceExact(doc)) {
        return false;
      }
      counts.add(dv.ordValue());
      return true;
    }

    /** Adds the counts by value, in ordinal order. */
    void addTo(Map<String, Long> into) throws IOException {
      for (long ord : counts.sortedKeys()) {
        into.merge(dv.lookupOrd((int) ord).utf8ToString(), counts.get(ord), Long::sum);
      }
    }
  }

  static Map<String, Long> sortedByCount(Map<String, Long> m, int limit) {
    Map<String, Long> out = new LinkedHashMap<>();
    m.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
