package org.apiaudit.serve;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiaudit.schema.Field;
import org.apiaudit.search.Hit;

/**
 * One hit as the UI shows it: the table's columns under short names, the time in the case's
 * zone, the masked original line. Values are sent as they are in the index (already
 * pseudonymised at ingest); JSON escapes them and the page puts them in the DOM as text only.
 */
final class HitJson {
  private final DateTimeFormatter time;

  HitJson(ZoneId zone) {
    this.time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
  }

  Map<String, Object> of(Hit hit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ts", hit.timestamp());
    m.put("time", time.format(Instant.ofEpochMilli(hit.timestamp())));
    m.put("ip", hit.get(Field.SOURCE_IP));
    m.put("principal", hit.get(Field.PRINCIPAL));
    m.put("method", hit.get(Field.METHOD));
    m.put("path", hit.get(Field.URL_PATH));
    m.put("status", hit.get(Field.STATUS) == null ? null : Long.parseLong(hit.get(Field.STATUS)));
    m.put("ua", hit.get(Field.USER_AGENT));
    m.put("subnet", hit.get(Field.SOURCE_SUBNET));
    m.put("subject", hit.get(Field.SUBJECT_ID));
    m.put("file", hit.get(Field.LOG_FILE));
    m.put("line", hit.get(Field.LOG_LINE) == null ? null : Long.parseLong(hit.get(Field.LOG_LINE)));
    m.put("original", hit.get(Field.ORIGINAL));
    return m;
  }

  String format(long epochMillis) {
    return time.format(Instant.ofEpochMilli(epochMillis));
  }
}
