package org.apiaudit.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.search.Query;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;

/**
 * The actor view: everything the index says about one address, subnet, principal or user agent
 * (first and last seen, requests, distinct subjects, endpoints, statuses, the addresses and user
 * agents it used and when, an hourly timeline) and what detection concluded about it.
 */
final class ActorApi {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final int TOP = 15;

  private final HitJson json;
  private final Findings findings;
  private final java.time.ZoneId zone;

  ActorApi(HitJson json, Findings findings, java.time.ZoneId zone) {
    this.json = json;
    this.findings = findings;
    this.zone = zone;
  }

  /** The field of an actor kind as the UI names it (ip, subnet, principal, ua, subject). */
  static Field actorField(String kind) {
    return switch (kind) {
      case "ip" -> Field.SOURCE_IP;
      case "subnet" -> Field.SOURCE_SUBNET;
      case "principal" -> Field.PRINCIPAL;
      case "ua" -> Field.USER_AGENT;
      case "subject" -> Field.SUBJECT_ID;
      default -> throw ApiException.badRequest("an actor is an ip, subnet, principal or ua; got '"
          + (kind.length() > 20 ? kind.substring(0, 20) + "…" : kind) + "'");
    };
  }

  /** The kind findings.json uses for the UI's kind. */
  private static String findingsKind(String kind) {
    return kind.equals("ua") ? "user_agent" : kind;
  }

  Map<String, Object> actor(EventSearcher searcher, Params params) {
    String kind = params.get("kind", "ip");
    Field field = actorField(kind);
    String value = params.get("value");
    if (value == null) {
      throw ApiException.badRequest("which actor? give its value");
    }
    Query q = FieldQueries.exact(field, value);
    long requests = searcher.count(q);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", kind);
    out.put("field", field.fieldName());
    out.put("value", value);
    out.put("requests", requests);
    if (requests > 0) {
      long offset = zone.getRules().getOffset(java.time.Instant.now()).getTotalSeconds() * 1000L;
      TreeMap<Long, Long> hourly = searcher.histogram(q, HOUR, offset);
      out.put("firstSeen", json.format(firstTime(searcher, q)));
      out.put("lastSeen", json.format(lastTime(searcher, q, hourly.lastKey())));
      List<long[]> timeline = new ArrayList<>();
      hourly.forEach((t, c) -> timeline.add(new long[] {t, c}));
      out.put("timeline", timeline);
      out.put("distinctSubjects", field == Field.SUBJECT_ID ? 1 : distinctSubjects(searcher, q));
      out.put("endpoints", counts(searcher, q, Field.URL_TEMPLATE));
      out.put("statuses", counts(searcher, q, Field.STATUS));
      out.put("methods", counts(searcher, q, Field.METHOD));
      out.put("addresses", overTime(searcher, q, Field.SOURCE_IP, offset));
      out.put("userAgents", overTime(searcher, q, Field.USER_AGENT, offset));
      out.put("principals", counts(searcher, q, Field.PRINCIPAL));
    }
    String fk = findingsKind(kind);
    List<Map<String, Object>> verdicts = new ArrayList<>();
    for (CaseFindings.ActorFinding a : findings.about(fk, value)) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("kind", a.kind());
      v.put("value", a.value());
      v.put("verdict", a.verdict());
      v.put("confidence", a.confidence());
      v.put("rules", a.rules());
      verdicts.add(v);
    }
    out.put("findings", verdicts);
    out.put("incidents", findings.incidentsOf(fk, value).stream().map(i -> Map.of("id", i.id(), "title", i.title(),
        "verdict", i.verdict())).toList());
    out.put("findingsFile", findings.get() != null);
    return out;
  }

  private static long firstTime(EventSearcher searcher, Query q) {
    long[] t = {0};
    searcher.stream(q, 1, false, h -> {
      t[0] = h.timestamp();
      return false;
    });
    return t[0];
  }

  /** The last event's time: only its last hour's events are read. */
  private static long lastTime(EventSearcher searcher, Query q, long lastBucket) {
    long[] t = {lastBucket};
    searcher.stream(EventSearcher.withTimeRange(q, lastBucket, null), Long.MAX_VALUE, false, h -> {
      t[0] = h.timestamp();
      return true;
    });
    return t[0];
  }

  /**
   * Distinct subjects among the actor's events, counted on its hits alone: ranking every value of
   * the field by distinct subjects ({@code topByDistinct}) would number the whole index's
   * subjects first, seconds on a large index for one actor.
   */
  private static long distinctSubjects(EventSearcher searcher, Query q) {
    return searcher.topValues(q, Field.SUBJECT_ID, Integer.MAX_VALUE).size();
  }

  private static List<Map<String, Object>> counts(EventSearcher searcher, Query q, Field f) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : searcher.topValues(q, f, TOP)) {
      out.add(Map.of("value", e.getKey(), "count", e.getValue()));
    }
    return out;
  }

  /** The top values of {@code f} with the first and last hour each was used in. */
  private List<Map<String, Object>> overTime(EventSearcher searcher, Query q, Field f, long offset) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : searcher.topValues(q, f, 10)) {
      Query both = new org.apache.lucene.search.BooleanQuery.Builder()
          .add(q, org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .add(FieldQueries.exact(f, e.getKey()), org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
      TreeMap<Long, Long> hours = searcher.histogram(both, HOUR, offset);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("value", e.getKey());
      m.put("count", e.getValue());
      m.put("firstHour", hours.isEmpty() ? null : json.format(hours.firstKey()));
      m.put("lastHour", hours.isEmpty() ? null : json.format(hours.lastKey()));
      out.add(m);
    }
    return out;
  }
}
