package org.apiaudit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TopByDistinct} against a brute-force map of sets over the same live events, on random
 * indexes of several segments: groups local to a segment and spanning several, pairs repeated
 * in a row and apart, the same pair in several segments, events lacking a field, deleted
 * events, a selective query, ties, and every {@code n} up to past the number of groups.
 */
class TopByDistinctTest {
  private static final long T0 = 1686355200000L;
  /** Values whose UTF-8 order (the ordinals', which break ties) and UTF-16 order differ. */
  private static final String[] PREFIXES = {"a", "b", "\uE000", "\uD83D\uDE00", "z"};
  private static final Query FACILITY_ONE = new TermQuery(new Term(Field.FACILITY.fieldName(), "f1"));

  /** Few groups, many events each: most groups are candidates, ties at small counts. */
  @Test
  void matchesBruteForceWithRepeatingGroups(@TempDir Path tmp) throws IOException {
    check(tmp, new Shape(4, 150, 12, 15, 0.3, 0.05));
  }

  /** Hundreds of groups with bounds far apart: candidates are counted in more than one batch. */
  @Test
  void matchesBruteForceWithManyCandidates(@TempDir Path tmp) throws IOException {
    check(tmp, new Shape(3, 1500, 400, 60, 0.2, 0.05));
  }

  /**
   * Hundreds of groups saturating a pool of 8 subjects: bounds well above the counts, and many
   * groups tied at the top count.
   */
  @Test
  void matchesBruteForceWithSaturatedSubjects(@TempDir Path tmp) throws IOException {
    check(tmp, new Shape(3, 1500, 400, 8, 0.2, 0.0));
  }

  /** Nearly every group seen once, some in two segments with the same or another value. */
  @Test
  void matchesBruteForceWithNearlyUniqueGroups(@TempDir Path tmp) throws IOException {
    check(tmp, new Shape(5, 300, 1200, 1500, 0.05, 0.1));
  }

  /** Every group seen once but for echoes of earlier events, as addresses are in the high-cardinality bench. */
  @Test
  void matchesBruteForceWithUniqueGroups(@TempDir Path tmp) throws IOException {
    check(tmp, new Shape(3, 400, 1_000_000, 1_000_000, 0.0, 0.02));
  }

  /**
   * A first batch of groups whose bound (3 events) exceeds their count (2 subjects), then groups
   * bounded by exactly that count with smaller values: the counting must go on past the batch,
   * as a bound equal to the last count still wins the tie by value.
   */
  @Test
  void boundEqualToTheLastCountStillWinsByValue(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("idx");
    EventDocumentBuilder builder = new EventDocumentBuilder();
    List<Map.Entry<String, Long>> expected = new ArrayList<>();
    try (IndexWriter w = EventIndex.openWriter(index)) {
      long ts = T0;
      for (int g = 0; g < TopByDistinct.FIRST_BATCH + 1; g++) {
        String smaller = String.format("a%03d", g);
        for (String subject : List.of("s1", "s2")) {
          w.addDocument(builder.build(event(ts += 1000, smaller, subject)));
        }
        if (expected.size() < 10) {
          expected.add(Map.entry(smaller, 2L));
        }
      }
      w.commit();
      for (int g = 0; g < TopByDistinct.FIRST_BATCH; g++) {
        for (String subject : List.of("s1", "s2", "s1")) {
          w.addDocument(builder.build(event(ts += 1000, String.format("h%03d", g), subject)));
        }
      }
      EventIndex.commit(w, IndexManifest.empty());
    }
    try (EventSearcher s = EventSearcher.open(index)) {
      assertEquals(expected, s.topByDistinct(EventSearcher.all(), Field.PRINCIPAL, Field.SUBJECT_ID, 10));
    }
  }

  private static Event event(long ts, String principal, String subject) {
    Event e = new Event();
    e.set(Field.TIMESTAMP, ts);
    e.set(Field.PRINCIPAL, principal);
    e.set(Field.SUBJECT_ID, subject);
    e.set(Field.ORIGINAL, "line");
    return e;
  }

  /**
   * How a random index is drawn: {@code segments} of {@code events} each, group and value pools
   * of the given sizes, the chance that an event repeats the previous one's pair, and the chance
   * that it echoes the pair of any earlier event, in this segment or another.
   */
  private record Shape(int segments, int events, int groups, int values, double repeat, double echo) {}

  /** One generated event, kept to count the expected answer. */
  private record Row(String ip, String principal, String subject, String facility, boolean deleted) {}

  private static void check(Path tmp, Shape shape) throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Path index = tmp.resolve("idx");
    List<Row> rows = write(index, shape, random);
    try (EventSearcher s = EventSearcher.open(index)) {
      assertTrue(s.reader().leaves().size() > 1, "segments, seed " + seed);
      assertTrue(s.reader().hasDeletions(), "deleted events, seed " + seed);
      IndexSearcher searcher = new IndexSearcher(s.reader());
      for (Field group : List.of(Field.SOURCE_IP, Field.PRINCIPAL)) {
        for (Query q : List.of(EventSearcher.all(), FACILITY_ONE, new MatchNoDocsQuery())) {
          List<Map.Entry<String, Long>> expected = bruteForce(rows, group, q);
          Weight weight = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
          for (int n : nValues(expected.size())) {
            String what = group + " by subject, query " + q + ", n=" + n + ", seed " + seed;
            assertEquals(expected.subList(0, Math.min(n, expected.size())),
                s.topByDistinct(q, group, Field.SUBJECT_ID, n), what);
            assertEquals(expected.subList(0, Math.min(n, expected.size())),
                new TopByDistinct(s.reader().leaves(), group, Field.SUBJECT_ID, 1).top(weight, n),
                what + ", group walk split in two");
          }
        }
      }
    }
  }

  private static List<Integer> nValues(int groups) {
    List<Integer> out = new ArrayList<>(List.of(0, 1, 2, 3, 5, 10, 64, 100, groups + 7, Integer.MAX_VALUE));
    for (int n = Math.max(0, groups - 3); n <= groups + 1; n++) {
      out.add(n);
    }
    return out;
  }

  private static List<Row> write(Path index, Shape shape, Random random) throws IOException {
    List<Row> rows = new ArrayList<>();
    EventDocumentBuilder builder = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(index)) {
      for (int seg = 0; seg < shape.segments; seg++) {
        Row previous = null;
        for (int i = 0; i < shape.events; i++) {
          double draw = random.nextDouble();
          Row copied = previous != null && draw < shape.repeat ? previous
              : !rows.isEmpty() && draw < shape.repeat + shape.echo ? rows.get(random.nextInt(rows.size())) : null;
          Row row = copied != null
              ? new Row(copied.ip, copied.principal, copied.subject, facility(random), random.nextInt(10) == 0)
              : randomRow(shape, seg, random);
          previous = row;
          rows.add(row);
          Event e = new Event();
          // one event a second within a segment, so that the index's time order is this order
          e.set(Field.TIMESTAMP, T0 + seg * 10_000_000L + i * 1000L);
          if (row.ip != null) {
            e.set(Field.SOURCE_IP, row.ip);
          }
          if (row.principal != null) {
            e.set(Field.PRINCIPAL, row.principal);
          }
          if (row.subject != null) {
            e.set(Field.SUBJECT_ID, row.subject);
          }
          e.set(Field.FACILITY, row.facility);
          e.set(Field.DISTRICT, row.deleted ? "gone" : "kept");
          e.set(Field.ORIGINAL, "line " + i);
          w.addDocument(builder.build(e));
        }
        w.commit();
      }
      w.deleteDocuments(new Term(Field.DISTRICT.fieldName(), "gone"));
      EventIndex.commit(w, IndexManifest.empty());
    }
    return rows;
  }

  /**
   * A fresh event: a third of the groups and values are local to the segment, the rest shared
   * by all segments; one event in twenty lacks a group or a subject.
   */
  private static Row randomRow(Shape shape, int seg, Random random) {
    int g = random.nextInt(shape.groups);
    String scope = random.nextInt(3) == 0 ? "s" + seg : "";
    String ip = random.nextInt(20) == 0 ? null
        : (10 + (g >> 16)) + "." + (scope.isEmpty() ? 0 : seg + 1) + "." + (g >> 8 & 255) + "." + (g & 255);
    String principal = random.nextInt(20) == 0 ? null : PREFIXES[g % PREFIXES.length] + scope + g;
    int v = random.nextInt(shape.values);
    String subject = random.nextInt(20) == 0 ? null : "subj-" + (random.nextInt(3) == 0 ? "s" + seg + "-" : "") + v;
    return new Row(ip, principal, subject, facility(random), random.nextInt(10) == 0);
  }

  private static String facility(Random random) {
    return "f" + random.nextInt(3);
  }

  /** Distinct subjects per group over live matching rows: most first, ties by UTF-8 bytes. */
  private static List<Map.Entry<String, Long>> bruteForce(List<Row> rows, Field group, Query q) {
    Map<String, Set<String>> subjects = new HashMap<>();
    for (Row r : rows) {
      String g = group == Field.SOURCE_IP ? r.ip : r.principal;
      boolean matches = q == FACILITY_ONE ? r.facility.equals("f1") : !(q instanceof MatchNoDocsQuery);
      if (!r.deleted && matches && g != null && r.subject != null) {
        subjects.computeIfAbsent(g, k -> new HashSet<>()).add(r.subject);
      }
    }
    return subjects.entrySet().stream().map(e -> Map.entry(e.getKey(), (long) e.getValue().size()))
        .sorted((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
            : new BytesRef(a.getKey()).compareTo(new BytesRef(b.getKey())))
        .toList();
  }
}
