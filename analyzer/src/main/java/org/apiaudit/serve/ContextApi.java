package org.apiaudit.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.Hit;

/**
 * "Surrounding events" of one event, found by its file and line (how hits and evidence lines
 * cite it): the N events before and after it of the same address, subnet, principal, subject or
 * user agent, or every event within some minutes of it.
 */
final class ContextApi {
  static final int DEFAULT_EVENTS = 10;
  static final int MAX_EVENTS = 200;
  static final int DEFAULT_MINUTES = 5;
  static final int MAX_MINUTES = 60;
  /** Most events the all-traffic window lists (413 asks for a narrower window above it). */
  static final int MAX_WINDOW_EVENTS = 1000;

  private final HitJson json;

  ContextApi(HitJson json) {
    this.json = json;
  }

  Map<String, Object> context(EventSearcher searcher, Params params) {
    String file = params.get("file");
    String lineText = params.get("line");
    if (file == null || lineText == null) {
      throw ApiException.badRequest("surrounding events need the event's file and line");
    }
    long line;
    try {
      line = Long.parseLong(lineText);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("line must be a whole number");
    }
    Hit anchor = find(searcher, file, line);
    if (anchor == null) {
      throw new ApiException(404, "no event from that file and line in the index");
    }
    String by = params.get("by", "ip");
    List<Hit> around = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>();
    if (by.equals("all")) {
      int minutes = params.intValue("minutes", DEFAULT_MINUTES, 1, MAX_MINUTES);
      long w = Duration.ofMinutes(minutes).toMillis();
      Query q = EventSearcher.withTimeRange(EventSearcher.all(), anchor.timestamp() - w, anchor.timestamp() + w);
      long total = searcher.count(q);
      if (total > MAX_WINDOW_EVENTS) {
        throw new ApiException(413, total + " events within " + minutes + " minutes; at most " + MAX_WINDOW_EVENTS
            + " are listed: choose fewer minutes or the same address");
      }
      searcher.stream(q, MAX_WINDOW_EVENTS, true, around::add);
      out.put("minutes", minutes);
    } else {
      Field field = ActorApi.actorField(by);
      String value = anchor.get(field);
      if (value == null) {
        throw ApiException.badRequest("the event has no " + by);
      }
      int n = params.intValue("n", DEFAULT_EVENTS, 1, MAX_EVENTS);
      Query q = FieldQueries.exact(field, value);
      around.addAll(before(searcher, q, anchor.timestamp(), n));
      Query fromAnchor = EventSearcher.withTimeRange(q, anchor.timestamp(), null);
      int[] afterAnchor = {-1};
      searcher.stream(fromAnchor, Long.MAX_VALUE, true, h -> {
        around.add(h);
        if (afterAnchor[0] >= 0) {
          afterAnchor[0]++;
        } else if (isAnchor(h, file, line)) {
          afterAnchor[0] = 0;
        }
        return afterAnchor[0] < n;
      });
      out.put("value", value);
      out.put("n", n);
    }
    out.put("by", by);
    out.put("anchor", json.of(anchor));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Hit h : around) {
      Map<String, Object> row = json.of(h);
      row.put("anchor", isAnchor(h, file, line));
      rows.add(row);
    }
    out.put("hits", rows);
    return out;
  }

  /** The event read from {@code file} at {@code line}, or null. */
  static Hit find(EventSearcher searcher, String file, long line) {
    Query q = new BooleanQuery.Builder()
        .add(FieldQueries.exact(Field.LOG_FILE, file), BooleanClause.Occur.FILTER)
        .add(FieldQueries.exact(Field.LOG_LINE, Long.toString(line)), BooleanClause.Occur.FILTER).build();
    Hit[] found = {null};
    searcher.stream(q, 1, true, h -> {
      found[0] = h;
      return false;
    });
    return found[0];
  }

  private static boolean isAnchor(Hit h, String file, long line) {
    return file.equals(h.get(Field.LOG_FILE)) && Long.toString(line).equals(h.get(Field.LOG_LINE));
  }

  /**
   * The last {@code n} events of {@code q} strictly before {@code ts}: the window back is doubled
   * from a minute until it holds n (or reaches the index's start), then streamed forward.
   */
  private static List<Hit> before(EventSearcher searcher, Query q, long ts, int n) {
    long[] span = DiscoverApi.indexSpan(searcher);
    long back = Duration.ofMinutes(1).toMillis();
    long count;
    while (true) {
      count = searcher.count(EventSearcher.withTimeRange(q, ts - back, ts - 1));
      if (count >= n || ts - back <= span[0]) {
        break;
      }
      back *= 2;
    }
    List<Hit> out = new ArrayList<>();
    long skip = Math.max(0, count - n);
    long[] seen = {0};
    searcher.stream(EventSearcher.withTimeRange(q, ts - back, ts - 1), Long.MAX_VALUE, true, h -> {
      if (seen[0]++ >= skip) {
        out.add(h);
      }
      return true;
    });
    return out;
  }
}
