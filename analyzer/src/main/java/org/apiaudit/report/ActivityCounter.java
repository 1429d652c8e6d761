package org.apiaudit.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.detect.findings.CaseFindings.ActorFinding;
import org.apiaudit.detect.findings.CaseFindings.ActorRef;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.schema.Field;

/**
 * Counts events per time bucket, for the whole window and for each charted actor, in one
 * linear pass over doc values: {@link Field#TIMESTAMP} numeric doc values, plus the sorted doc
 * values of the fields that identify the actors. Each actor value is resolved to an ordinal once
 * per segment, so the per-event cost is an ordinal comparison, not a string one.
 *
 * <p>Memory is bounded: at most {@link #MAX_BUCKETS} buckets (the bucket widens from one hour
 * when the window is longer) and at most {@link #MAX_ACTORS} actors, so a year of logs costs the
 * same few kilobytes as a day.
 */
public final class ActivityCounter {
  /** One hour: CERT-In gaps and the report's charts speak in hours. */
  public static final long HOUR = 3_600_000L;
  /** 30 days of hourly buckets; longer windows get wider buckets. */
  public static final int MAX_BUCKETS = 720;
  /** Actors charted; the findings list is most severe first, so the tail is the least relevant. */
  public static final int MAX_ACTORS = 50;

  /**
   * The counts.
   *
   * @param overall all events in the window
   * @param byActor per actor key ({@code kind:value}), in findings order
   */
  public record Activity(TimeSeries overall, Map<String, TimeSeries> byActor) {
    /** No index: no charts. */
    public static Activity none() {
      return new Activity(null, Map.of());
    }
  }

  /**
   * The buckets the charts count in over {@code [start, to]}: hours, wider when the window is longer
   * than {@link #MAX_BUCKETS} hours.
   *
   * @param start the first bucket's start (the hour of the window's start)
   * @param bucket the bucket width (ms)
   * @param buckets how many
   * @param to the window's end (inclusive)
   */
  public record Grid(long start, long bucket, int buckets, long to) {
    public static Grid of(long from, long to) {
      long start = Math.floorDiv(from, HOUR) * HOUR;
      long hours = Math.floorDiv(to, HOUR) - start / HOUR + 1;
      long bucket = HOUR * Math.max(1, (hours + MAX_BUCKETS - 1) / MAX_BUCKETS);
      return new Grid(start, bucket, (int) ((to - start) / bucket + 1), to);
    }

    /** Counts keyed by bucket start (as a date histogram gives them) as a series on this grid. */
    public TimeSeries series(Map<Long, Long> countsByBucketStart) {
      long[] counts = new long[buckets];
      countsByBucketStart.forEach((key, n) -> {
        long i = Math.floorDiv(key - start, bucket);
        if (i >= 0 && i < buckets) {
          counts[(int) i] += n;
        }
      });
      return new TimeSeries(start, bucket, counts);
    }
  }

  /** The actors the charts show: the first {@link #MAX_ACTORS} of the findings. */
  public static List<ActorFinding> charted(List<ActorFinding> actors) {
    return actors.subList(0, Math.min(actors.size(), MAX_ACTORS));
  }

  /**
   * Activity counted elsewhere (a cluster's date histograms on {@code grid}): the overall counts
   * and, per charted actor in order, its counts.
   */
  public static Activity of(Grid grid, Map<Long, Long> overall, List<ActorFinding> charted,
      List<Map<Long, Long>> perActor) {
    Map<String, TimeSeries> byActor = new LinkedHashMap<>();
    for (int i = 0; i < charted.size(); i++) {
      ActorFinding a = charted.get(i);
      byActor.put(Labels.actorKey(a.kind(), a.value()), grid.series(perActor.get(i)));
    }
    return new Activity(grid.series(overall), byActor);
  }

  /**
   * The field/value pairs an event of {@code actor} carries one of: its own identifier, or each
   * member's for a cluster (a kind that is no field, none).
   */
  public static List<Map.Entry<Field, String>> identifiers(ActorFinding actor) {
    List<Map.Entry<Field, String>> out = new ArrayList<>();
    if ("cluster".equals(actor.kind())) {
      for (ActorRef member : actor.members() == null ? List.<ActorRef>of() : actor.members()) {
        addIdentifier(out, member.kind(), member.value());
      }
    } else {
      addIdentifier(out, actor.kind(), actor.value());
    }
    return out;
  }

  private static void addIdentifier(List<Map.Entry<Field, String>> out, String kind, String value) {
    Field field = fieldOf(kind);
    if (field != null && value != null) {
      out.add(Map.entry(field, value));
    }
  }

  /** One actor identifier resolved to a field. */
  private record Matcher(int actor, Field field, BytesRef value) {}

  /**
   * Counts events between {@code from} and {@code to} (inclusive; when either is negative the
   * index's own first/last timestamp is used) for the whole index and for {@code actors}.
   */
  public Activity count(IndexReader given, long from, long to, List<ActorFinding> actors) throws IOException {
    IndexReader reader = ColumnViews.wrap(given);
    String ts = Field.TIMESTAMP.fieldName();
    if (from < 0 || to < 0) {
      byte[] min = PointValues.getMinPackedValue(reader, ts);
      byte[] max = PointValues.getMaxPackedValue(reader, ts);
      if (min == null || max == null) {
        return Activity.none();
      }
      from = from < 0 ? LongPoint.decodeDimension(min, 0) : from;
      to = to < 0 ? LongPoint.decodeDimension(max, 0) : to;
    }
    Grid grid = Grid.of(from, to);
    long start = grid.start();
    long bucket = grid.bucket();
    int buckets = grid.buckets();

    List<ActorFinding> charted = charted(actors);
    List<Matcher> matchers = matchers(charted);
    long[] overall = new long[buckets];
    long[][] perActor = new long[charted.size()][buckets];

    for (LeafReaderContext leaf : reader.leaves()) {
      countLeaf(leaf, start, bucket, to, matchers, overall, perActor);
    }
    Map<String, TimeSeries> byActor = new LinkedHashMap<>();
    for (int i = 0; i < charted.size(); i++) {
      ActorFinding a = charted.get(i);
      byActor.put(Labels.actorKey(a.kind(), a.value()), new TimeSeries(start, bucket, perActor[i]));
    }
    return new Activity(new TimeSeries(start, bucket, overall), byActor);
  }

  private static void countLeaf(LeafReaderContext leaf, long start, long bucket, long to,
      List<Matcher> matchers, long[] overall, long[][] perActor) throws IOException {
    NumericDocValues times = DocValues.getNumeric(leaf.reader(), Field.TIMESTAMP.fieldName());
    Bits live = leaf.reader().getLiveDocs();
    // Per field present in this segment: its doc values and the actors each ordinal belongs to.
    Map<Field, SortedDocValues> values = new HashMap<>();
    Map<Field, Map<Integer, List<Integer>>> actorsByOrd = new HashMap<>();
    for (Matcher m : matchers) {
      SortedDocValues dv = values.computeIfAbsent(m.field(), f -> sorted(leaf, f));
      if (dv == null) {
        continue;
      }
      int ord = dv.lookupTerm(m.value());
      if (ord >= 0) {
        actorsByOrd.computeIfAbsent(m.field(), f -> new HashMap<>())
            .computeIfAbsent(ord, o -> new ArrayList<>()).add(m.actor());
      }
    }
    int[] lastCountedDoc = new int[perActor.length];
    java.util.Arrays.fill(lastCountedDoc, -1);
    for (int doc = times.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = times.nextDoc()) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      long t = times.longValue();
      if (t < start || t > to) {
        continue;
      }
      int b = (int) ((t - start) / bucket);
      overall[b]++;
      for (Map.Entry<Field, Map<Integer, List<Integer>>> e : actorsByOrd.entrySet()) {
        SortedDocValues dv = values.get(e.getKey());
        if (!dv.advanceExact(doc)) {
          continue;
        }
        List<Integer> owners = e.getValue().get(dv.ordValue());
        if (owners == null) {
          continue;
        }
        for (int actor : owners) {
          // A cluster matches through several members; count each event once per actor.
          if (lastCountedDoc[actor] != doc) {
            lastCountedDoc[actor] = doc;
            perActor[actor][b]++;
          }
        }
      }
    }
  }

  private static SortedDocValues sorted(LeafReaderContext leaf, Field field) {
    try {
      return leaf.reader().getSortedDocValues(field.fieldName());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Matcher> matchers(List<ActorFinding> actors) {
    List<Matcher> out = new ArrayList<>();
    for (int i = 0; i < actors.size(); i++) {
      for (Map.Entry<Field, String> id : identifiers(actors.get(i))) {
        out.add(new Matcher(i, id.getKey(), new BytesRef(id.getValue())));
      }
    }
    return out;
  }

  /** The schema field an actor kind is read from, or null for a kind that is not a field. */
  static Field fieldOf(String kind) {
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case "ip" -> Field.SOURCE_IP;
      case "subnet" -> Field.SOURCE_SUBNET;
      case "principal" -> Field.PRINCIPAL;
      case "user_agent" -> Field.USER_AGENT;
      default -> null;
    };
  }
}
