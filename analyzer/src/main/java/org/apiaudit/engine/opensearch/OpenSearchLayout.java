package org.apiaudit.engine.opensearch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The names the engine uses on a cluster, all under one prefix so one role pattern
 * ({@code apiaudit-*}) grants exactly what the tool needs:
 * <ul>
 *   <li>daily event indices {@code <prefix>-events-YYYY.MM.DD} (UTC day of {@code @timestamp}):
 *       retention drops whole days, and a day's index stays a size a shard handles well;</li>
 *   <li>the alias {@code <prefix>-events} over all of them, which every read goes through;</li>
 *   <li>the index template {@code <prefix>-events} that gives each new day the schema;</li>
 *   <li>the metadata index {@code <prefix>-meta}: the case record (key fingerprint, one
 *       document per ingested file), so machines ingesting disjoint files never overwrite
 *       each other's records.</li>
 * </ul>
 *
 * @param prefix the common prefix, {@value #DEFAULT_PREFIX} unless several cases share a cluster
 */
public record OpenSearchLayout(String prefix) {
  public static final String DEFAULT_PREFIX = "apiaudit";

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,100}");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  public OpenSearchLayout {
    if (!VALID.matcher(prefix).matches()) {
      throw new IllegalArgumentException("index prefix must be lower-case letters, digits, '-' or '_'; got: " + prefix);
    }
  }

  public static OpenSearchLayout defaults() {
    return new OpenSearchLayout(DEFAULT_PREFIX);
  }

  /** The alias searches and detection read. */
  public String alias() {
    return prefix + "-events";
  }

  public String templateName() {
    return prefix + "-events";
  }

  /** The pattern of the daily indices (and of the template). */
  public String indexPattern() {
    return prefix + "-events-*";
  }

  /** The daily index an event of {@code epochMillis} goes to. */
  public String dailyIndex(long epochMillis) {
    return prefix + "-events-" + DAY.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * The start (UTC midnight, epoch ms) of the day a daily index of this layout holds, or
   * Long.MIN_VALUE for any other name.
   */
  public long dayStart(String index) {
    String head = prefix + "-events-";
    if (!index.startsWith(head)) {
      return Long.MIN_VALUE;
    }
    try {
      return java.time.LocalDate.parse(index.substring(head.length()), DAY).atStartOfDay(ZoneOffset.UTC).toInstant()
          .toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  public String metaIndex() {
    return prefix + "-meta";
  }
}
