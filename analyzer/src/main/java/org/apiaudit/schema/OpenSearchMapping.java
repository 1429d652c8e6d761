package org.apiaudit.schema;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event schema as an OpenSearch 2.x index mapping, so that users who outgrow one machine
 * can index the same events (and run the same queries and rules) on OpenSearch.
 *
 * <p>Derived from {@link Field}: nothing here names a field. Fields without doc values are
 * mapped with {@code doc_values: false}; the stored-only original line is not indexed.
 */
public final class OpenSearchMapping {
  private OpenSearchMapping() {}

  /** The {@code mappings} object, as nested maps ready for a JSON writer. */
  public static Map<String, Object> mappings() {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", f.type().openSearchType());
      if (f.type() == FieldType.INSTANT) {
        p.put("format", "epoch_millis||strict_date_optional_time");
      }
      if (f.type() == FieldType.IP) {
        // An address the gateway logged malformed costs only that field, as in the embedded
        // index (which leaves it out), instead of failing the whole document.
        p.put("ignore_malformed", true);
      }
      if (f.type() == FieldType.STORED) {
        p.put("index", false);
      }
      if (!f.hasDocValues() && f.type() != FieldType.TEXT) {
        p.put("doc_values", false);
      }
      properties.put(f.fieldName(), p);
    }
    Map<String, Object> mappings = new LinkedHashMap<>();
    mappings.put("dynamic", "strict");
    mappings.put("properties", properties);
    return Map.of("mappings", mappings);
  }

  /**
   * The longest regular expression the event indices accept. OpenSearch's default (1,000
   * characters) refuses the rules' keyword lists, which the rule compiler joins into one
   * expression per field (the shipped user-agent list is about 8,000 characters) so that
   * detection on the cluster runs each rule's selection as the embedded index does. The cost
   * stays bounded by Lucene's determinisation work limit, on the cluster as here.
   */
  public static final int MAX_REGEX_LENGTH = 65_536;

  /**
   * A composable index template for the daily event indices: the mapping above plus a field
   * alias for every short name that does not clash with an object path ({@code auth} and
   * {@code subject} are objects, {@code auth.type} and {@code subject.id} their fields), so
   * Dashboards users type the same names as {@code analyzer search}; the indices sorted by
   * {@code @timestamp} as the embedded index is, so time-ordered reads walk segments in order.
   *
   * @param pattern the index pattern, e.g. {@code apiaudit-events-*}
   * @param alias the alias every matching index joins, which searches read
   * @param replicas replica shards per primary (0 on a one-node cluster)
   * @param codec the indices' {@code index.codec} ({@code default} or {@code best_compression}),
   *     or null for the cluster's default
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> indexTemplate(String pattern, String alias, int replicas, String codec) {
    Map<String, Object> mappings = new LinkedHashMap<>((Map<String, Object>) mappings().get("mappings"));
    Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) mappings.get("properties"));
    Set<String> objects = new HashSet<>();
    for (Field f : Field.values()) {
      String name = f.fieldName();
      for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
        objects.add(name.substring(0, dot));
      }
    }
    for (Field f : Field.values()) {
      for (String shortName : f.aliases()) {
        if (!objects.contains(shortName)) {
          properties.put(shortName, Map.of("type", "alias", "path", f.fieldName()));
        }
      }
    }
    mappings.put("properties", properties);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("index.sort.field", Field.TIMESTAMP.fieldName());
    settings.put("index.sort.order", "asc");
    settings.put("index.number_of_replicas", replicas);
    settings.put("index.max_regex_length", MAX_REGEX_LENGTH);
    if (codec != null) {
      settings.put("index.codec", codec);
    }
    // No refresh every second while a case is loaded (each would write a small sorted segment
    // to merge later): an ingest's events become searchable at its end, when it refreshes the
    // indices before recording its files in the case record.
    settings.put("index.refresh_interval", "-1");
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("settings", settings);
    template.put("mappings", mappings);
    template.put("aliases", Map.of(alias, Map.of()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("index_patterns", List.of(pattern));
    body.put("template", template);
    body.put("priority", 100);
    body.put("_meta", Map.of("source", "apiaudit analyzer schema"));
    return body;
  }
}
