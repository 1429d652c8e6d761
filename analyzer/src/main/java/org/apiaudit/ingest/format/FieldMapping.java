package org.apiaudit.ingest.format;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Which source (a JSON path or a CSV column) feeds which event field, and how times and
 * latencies are encoded: the part of JSON-lines and CSV reading that does not depend on the
 * syntax.
 *
 * <p>A syntax reader collects the raw text of each mapped source into a {@code String[]}
 * indexed by slot ({@code null} when absent), then {@link #apply} checks and stores the values
 * with the same policy as every other format ({@link Values}). A mapping is immutable.
 *
 * <p>Besides event fields, a mapping may have a {@value #URL} source (path and query in one
 * value, split at {@code ?}) and a time-zone source (an offset such as {@code GMT-0700} in its
 * own column, for zone-less timestamps); zone-less timestamps without one use the
 * {@code --tz} zone.
 */
public final class FieldMapping {
  /** The pseudo-field name for a combined path-and-query source. */
  public static final String URL = "url";

  /** Fields a parser may set; the rest are the normalizer's. */
  static final Set<Field> PARSER_FIELDS =
      EnumSet.of(
          Field.TIMESTAMP, Field.REQUEST_ID, Field.SOURCE_IP, Field.FORWARDED_FOR, Field.METHOD,
          Field.URL_PATH, Field.URL_QUERY, Field.URL_DOMAIN, Field.STATUS, Field.BYTES, Field.LATENCY_MS,
          Field.USER_AGENT, Field.REFERRER, Field.WAF_ACTION, Field.AUTH_TYPE, Field.PRINCIPAL,
          Field.FACILITY, Field.DISTRICT, Field.SUBJECT_ID, Field.MIME_TYPE);

  /** How a timestamp source is written. */
  public enum TimeEncoding {
    /** ISO-8601 / RFC 3339, offset optional. */
    ISO8601,
    /** Seconds since the epoch, fraction allowed. */
    EPOCH_S,
    /** Milliseconds since the epoch. */
    EPOCH_MS;

    /** The encoding named {@code iso8601}, {@code epoch_s} or {@code epoch_ms}, or null. */
    public static TimeEncoding byName(String name) {
      for (TimeEncoding t : values()) {
        if (t.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
      return null;
    }
  }

  /** The unit a latency source is written in. */
  public enum LatencyUnit {
    MS(0),
    S(3),
    US(-3),
    NS(-6);

    /** Power of ten from this unit to milliseconds. */
    final int shift;

    LatencyUnit(int shift) {
      this.shift = shift;
    }

    /** The unit named {@code ms}, {@code s}, {@code us} or {@code ns}, or null. */
    public static LatencyUnit byName(String name) {
      for (LatencyUnit u : values()) {
        if (u.name().equalsIgnoreCase(name)) {
          return u;
        }
      }
      return null;
    }
  }

  private final String name;
  private final String[] sources;
  /** Target per slot; {@code null} for the {@value #URL} slot and the time-zone slot. */
  private final Field[] targets;
  private final int urlSlot;
  private final int zoneSlot;
  private final int timestampSlot;
  private final boolean hasRequestFields;
  private final TimeEncoding time;
  private final LatencyUnit latency;
  private final ZoneId zone;

  private FieldMapping(Builder b) {
    this.name = b.name;
    this.sources = b.sources.toArray(new String[0]);
    this.targets = b.targets.toArray(new Field[0]);
    this.urlSlot = b.urlSource == null ? -1 : b.sources.indexOf(b.urlSource);
    this.zoneSlot = b.zoneSource == null ? -1 : b.sources.indexOf(b.zoneSource);
    this.timestampSlot = b.targets.indexOf(Field.TIMESTAMP);
    this.hasRequestFields =
        urlSlot >= 0
            || b.targets.contains(Field.METHOD)
            || b.targets.contains(Field.URL_PATH)
            || b.targets.contains(Field.STATUS);
    this.time = b.time;
    this.latency = b.latency;
    this.zone = b.zone;
  }

  /** Starts a mapping called {@code name}, whose zone-less times are local to {@code zone}. */
  public static Builder builder(String name, ZoneId zone) {
    return new Builder(name, zone);
  }

  public String name() {
    return name;
  }

  /** Number of slots: the length of the values array {@link #apply} takes. */
  int slots() {
    return sources.length;
  }

  /** The JSON path or CSV column of a slot. */
  String source(int slot) {
    return sources[slot];
  }

  /** The source feeding {@link Field#TIMESTAMP}. */
  String timestampSource() {
    return sources[timestampSlot];
  }

  /**
   * Stores {@code values} (raw text per slot, {@code null} when absent) into {@code event}.
   * Returns a reject reason when the timestamp is missing, when a mapping that knows request
   * fields found none (a server's own diagnostics line, not an access record), or when a value
   * is malformed.
   */
  String apply(String[] values, Event event) {
    String ts = values[timestampSlot];
    if (Event.isAbsent(ts)) {
      return "missing timestamp '" + sources[timestampSlot] + "'";
    }
    if (hasRequestFields && !anyRequestField(values)) {
      return "no method, url or status: not an access record";
    }
    for (int i = 0; i < sources.length; i++) {
      String v = values[i];
      if (v == null || i == zoneSlot) {
        continue;
      }
      String reason = store(i, v, values, event);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private boolean anyRequestField(String[] values) {
    for (int i = 0; i < sources.length; i++) {
      Field f = targets[i];
      if ((i == urlSlot || f == Field.METHOD || f == Field.URL_PATH || f == Field.STATUS)
          && !Event.isAbsent(values[i])) {
        return true;
      }
    }
    return false;
  }

  private String store(int slot, String v, String[] values, Event event) {
    int n = v.length();
    if (slot == urlSlot) {
      Values.url(event, v, 0, n);
      return null;
    }
    Field f = targets[slot];
    switch (f) {
      case TIMESTAMP:
        return Values.timestamp(event, timestamp(v, values), v, 0, n);
      case SOURCE_IP:
        return Values.clientAddress(event, v, 0, n);
      case STATUS:
        return Values.integer(event, f, "status", v, 0, n);
      case BYTES:
        return Values.integer(event, f, "bytes", v, 0, n);
      case LATENCY_MS:
        return Values.latency(event, v, 0, n, latency.shift);
      case URL_DOMAIN:
        Values.domain(event, v, 0, n);
        return null;
      default:
        event.set(f, v);
        return null;
    }
  }

  private long timestamp(String v, String[] values) {
    switch (time) {
      case EPOCH_S:
        return Timestamps.epochSeconds(v, 0, v.length());
      case EPOCH_MS:
        return Timestamps.epochMillis(v, 0, v.length());
      default:
        ZoneId z = zone;
        if (zoneSlot >= 0 && !Event.isAbsent(values[zoneSlot])) {
          String zv = values[zoneSlot];
          int offset = Timestamps.offsetSeconds(zv, 0, zv.length());
          if (offset == Timestamps.INVALID_OFFSET) {
            return Timestamps.INVALID;
          }
          z = ZoneOffset.ofTotalSeconds(offset);
        }
        return Timestamps.iso(v, 0, v.length(), z);
    }
  }

  /** Collects and checks a mapping's settings; errors are {@link IllegalArgumentException}s. */
  public static final class Builder {
    private final String name;
    private final ZoneId zone;
    private final List<String> sources = new ArrayList<>();
    private final List<Field> targets = new ArrayList<>();
    private String urlSource;
    private String zoneSource;
    private TimeEncoding time = TimeEncoding.ISO8601;
    private LatencyUnit latency = LatencyUnit.MS;

    private Builder(String name, ZoneId zone) {
      this.name = name;
      this.zone = zone;
    }

    /**
     * Maps {@code source} to the field named {@code fieldName} (schema name, alias, or
     * {@value #URL}).
     *
     * @throws IllegalArgumentException naming the field if it is unknown, not set by parsers,
     *     or mapped twice
     */
    public Builder map(String fieldName, String source) {
      if (source == null || source.isEmpty()) {
        throw new IllegalArgumentException("field '" + fieldName + "' has an empty source");
      }
      if (sources.contains(source)) {
        throw new IllegalArgumentException(
            "field '" + fieldName + "': source '" + source + "' already feeds another field");
      }
      if (URL.equals(fieldName.toLowerCase(Locale.ROOT))) {
        if (urlSource != null) {
          throw new IllegalArgumentException("field 'url' is mapped twice");
        }
        urlSource = source;
        sources.add(source);
        targets.add(null);
        return this;
      }
      Field f = Field.byName(fieldName);
      if (f == null) {
        throw new IllegalArgumentException(
            "unknown field '" + fieldName + "'; known: " + knownNames());
      }
      if (!PARSER_FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            "field '" + fieldName + "' is derived by the normalizer and cannot be mapped; known: "
                + knownNames());
      }
      if (targets.contains(f)) {
        throw new IllegalArgumentException("field '" + fieldName + "' is mapped twice");
      }
      sources.add(source);
      targets.add(f);
      return this;
    }

    /** The source holding the UTC offset of zone-less timestamps ({@code GMT-0700}). */
    public Builder timeZoneSource(String source) {
      zoneSource = source;
      return this;
    }

    public Builder time(TimeEncoding encoding) {
      time = encoding;
      return this;
    }

    public Builder latencyUnit(LatencyUnit unit) {
      latency = unit;
      return this;
    }

    /** @throws IllegalArgumentException if no source feeds the timestamp */
    public FieldMapping build() {
      if (!targets.contains(Field.TIMESTAMP)) {
        throw new IllegalArgumentException(
            "no source for '" + Field.TIMESTAMP.fieldName() + "': every event needs a time");
      }
      if (zoneSource != null) {
        if (sources.contains(zoneSource)) {
          throw new IllegalArgumentException(
              "time zone source '" + zoneSource + "' already feeds a field");
        }
        sources.add(zoneSource);
        targets.add(null);
      }
      return new FieldMapping(this);
    }

    /** The names a mapping may use: each parser field's schema name, and {@value #URL}. */
    static String knownNames() {
      StringBuilder sb = new StringBuilder();
      for (Field f : PARSER_FIELDS) {
        sb.append(f.fieldName()).append(", ");
      }
      return sb.append(URL).toString();
    }
  }
}
