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

  /** One actor identifier resolved to a field. */
  private record Matcher(int actor, Field field, BytesRef value) {}

  /**
   * Counts events between {@code from} and {@code to} (inclusive; when either is negative the
   * index's own first/last timestamp is used) for the whole index and for {@code actors}.
   */
  public Activity count(IndexReader reader, long from, long to, List<ActorFinding> actors) throws IOException {
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
    long start = Math.floorDiv(from, HOUR) * HOUR;
    long hours = Math.floorDiv(to, HOUR) - start / HOUR + 1;
    long bucket = HOUR * Math.max(1, (hours + MAX_BUCKETS - 1) / MAX_BUCKETS);
    int buckets = (int) ((to - start) / bucket + 1);

    List<ActorFinding> charted = actors.subList(0, Math.min(actors.size(), MAX_ACTORS));
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
      ActorFinding a = actors.get(i);
      if ("cluster".equals(a.kind())) {
        for (ActorRef member : a.members() == null ? List.<ActorRef>of() : a.members()) {
          addMatcher(out, i, member.kind(), member.value());
        }
      } else {
        addMatcher(out, i, a.kind(), a.value());
      }
    }
    return out;
  }

  private static void addMatcher(List<Matcher> out, int actor, String kind, String value) {
    Field field = fieldOf(kind);
    if (field != null && value != null) {
      out.add(new Matcher(actor, field, new BytesRef(value)));
    }
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
