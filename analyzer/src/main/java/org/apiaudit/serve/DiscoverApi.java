package org.apiaudit.serve;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiaudit.index.SourceFile;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.HistogramInterval;

/**
 * The Discover view's answers: a page of hits in time order, the histogram of all hits, and the
 * field sidebar (top values over all hits, not the page).
 */
final class DiscoverApi {
  /** Most hits one page may ask for (413 above): paging goes on with {@code after}. */
  static final int MAX_PAGE = 500;
  static final int DEFAULT_PAGE = 50;
  /** Top values per sidebar field. */
  static final int DEFAULT_TOP = 5;
  static final int MAX_TOP = 50;

  /** The sidebar's fields: the ones investigators group by. */
  static final List<Field> SIDEBAR = List.of(Field.SOURCE_IP, Field.SOURCE_SUBNET, Field.PRINCIPAL, Field.METHOD,
      Field.STATUS, Field.URL_TEMPLATE, Field.ENDPOINT_CLASS, Field.AUTH_TYPE, Field.USER_AGENT, Field.WAF_ACTION);

  private final ZoneId zone;
  private final HitJson hits;

  DiscoverApi(ZoneId zone) {
    this.zone = zone;
    this.hits = new HitJson(zone);
  }

  /**
   * A page of hits oldest first, after the cursor {@code after=TS:SKIP} ({@code SKIP} hits at
   * exactly {@code TS} already shown): search_after on time with a tie-break, never an offset.
   */
  Map<String, Object> page(EventSearcher searcher, QueryRequest request, Params params) {
    int size = params.intValue("size", DEFAULT_PAGE, 1, MAX_PAGE);
    Cursor after = Cursor.parse(params.get("after"));
    long total = searcher.count(request.query());
    List<Map<String, Object>> rows = new ArrayList<>();
    long[] lastTs = {Long.MIN_VALUE};
    int[] atLast = {0};
    int[] toSkip = {after == null ? 0 : after.skip()};
    var q = after == null ? request.query() : EventSearcher.withTimeRange(request.query(), after.ts(), null);
    searcher.stream(q, Long.MAX_VALUE, true, hit -> {
      if (toSkip[0] > 0 && hit.timestamp() == after.ts()) {
        toSkip[0]--;
        return true;
      }
      toSkip[0] = 0;
      rows.add(hits.of(hit));
      if (hit.timestamp() == lastTs[0]) {
        atLast[0]++;
      } else {
        lastTs[0] = hit.timestamp();
        atLast[0] = 1;
      }
      return rows.size() < size;
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("query", request.text());
    out.put("total", total);
    out.put("hits", rows);
    if (rows.size() == size) {
      int skip = after != null && lastTs[0] == after.ts() ? after.skip() + atLast[0] : atLast[0];
      out.put("next", new Cursor(lastTs[0], skip).text());
    }
    return out;
  }

  /** Hits per bucket over the request's range (or the index's), in the case's zone. */
  Map<String, Object> histogram(EventSearcher searcher, QueryRequest request) {
    long[] span = span(searcher, request);
    long interval = HistogramInterval.auto(span[1] - span[0]);
    long offset = zone.getRules().getOffset(java.time.Instant.ofEpochMilli(span[0])).getTotalSeconds() * 1000L;
    TreeMap<Long, Long> counts = searcher.histogram(request.query(), interval, offset);
    List<long[]> buckets = new ArrayList<>();
    counts.forEach((t, c) -> buckets.add(new long[] {t, c}));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("interval", interval);
    out.put("from", span[0]);
    out.put("to", span[1]);
    out.put("buckets", buckets);
    return out;
  }

  /** The top values of each sidebar field over all hits, with counts and shares. */
  Map<String, Object> fields(EventSearcher searcher, QueryRequest request, Params params) {
    int n = params.intValue("top", DEFAULT_TOP, 1, MAX_TOP);
    long total = searcher.count(request.query());
    List<Map<String, Object>> fields = new ArrayList<>();
    Map<Field, List<Map.Entry<String, Long>>> top = searcher.topValuesOfEach(request.query(), SIDEBAR, n);
    for (Field f : SIDEBAR) {
      List<Map<String, Object>> values = new ArrayList<>();
      for (Map.Entry<String, Long> e : top.get(f)) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", e.getKey());
        v.put("count", e.getValue());
        v.put("pct", total == 0 ? 0 : Math.round(1000.0 * e.getValue() / total) / 10.0);
        values.add(v);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("field", f.fieldName());
      m.put("name", f.aliases().isEmpty() ? f.fieldName() : f.aliases().get(0));
      m.put("values", values);
      fields.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", total);
    out.put("fields", fields);
    return out;
  }

  /** The aggregations of the view (count, histogram, sidebar) as one JSON document, for export. */
  Map<String, Object> aggregations(EventSearcher searcher, QueryRequest request, Params params) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request", request.describe());
    out.put("zone", zone.getId());
    out.put("histogram", histogram(searcher, request));
    out.putAll(fields(searcher, request, params));
    return out;
  }

  /** [from, to] of the request, each end defaulting to the index's first or last event. */
  static long[] span(EventSearcher searcher, QueryRequest request) {
    long[] index = indexSpan(searcher);
    long from = request.from() != null ? request.from() : index[0];
    long to = request.to() != null ? request.to() : index[1];
    return new long[] {from, Math.max(from, to)};
  }

  /** First and last event of the index, from its manifest ({0, 0} when empty). */
  static long[] indexSpan(EventSearcher searcher) {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (SourceFile f : searcher.manifest().files()) {
      if (f.firstEvent() >= 0) {
        from = Math.min(from, f.firstEvent());
        to = Math.max(to, f.lastEvent());
      }
    }
    return from == Long.MAX_VALUE ? new long[] {0, 0} : new long[] {from, to};
  }

  /** A search_after position: the time of the last hit shown and how many at that time were shown. */
  record Cursor(long ts, int skip) {
    static Cursor parse(String text) {
      if (text == null) {
        return null;
      }
      int colon = text.indexOf(':');
      try {
        return new Cursor(Long.parseLong(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw ApiException.badRequest("'after' must be a cursor from a previous page (TIME:COUNT)");
      }
    }

    String text() {
      return ts + ":" + skip;
    }
  }
}
