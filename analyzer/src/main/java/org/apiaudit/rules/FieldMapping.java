package org.apiaudit.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiaudit.schema.Field;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Maps the field names a rule may use onto the schema: Sigma's webserver names from the data
 * file {@code field-mapping.yml} (a resource beside this class), then the schema's own names
 * and aliases ({@link Field#byName}).
 *
 * <p>Also says which fields a keyword (unnamed) search list is matched against, and which Sigma
 * names are matched against a second field too ({@code also}): a value of such a name matches
 * when it matches either field.
 */
public final class FieldMapping {
  /** The resource holding the default mapping. */
  public static final String RESOURCE = "field-mapping.yml";

  private final Map<String, Field> sigmaNames;
  private final List<Field> keywordFields;
  private final Map<String, Field> also;

  FieldMapping(Map<String, Field> sigmaNames, List<Field> keywordFields, Map<String, Field> also) {
    this.sigmaNames = Collections.unmodifiableMap(new HashMap<>(sigmaNames));
    this.keywordFields = List.copyOf(keywordFields);
    this.also = Map.copyOf(also);
  }

  /** The bundled mapping. */
  public static FieldMapping load() {
    try (InputStream in = FieldMapping.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new Load(LoadSettings.builder().setLabel(RESOURCE).build()).loadFromInputStream(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  @SuppressWarnings("unchecked")
  static FieldMapping parse(Object yaml) {
    Map<String, Object> root = (Map<String, Object>) yaml;
    Map<String, Field> names = new HashMap<>();
    for (Object g : (List<Object>) root.get("groups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) group.get("fields")).entrySet()) {
        Field f = Field.byName(e.getValue().toString());
        if (f == null) {
          throw new IllegalStateException(RESOURCE + ": " + e.getKey() + " maps to unknown schema field " + e.getValue());
        }
        names.put(e.getKey(), f);
      }
    }
    List<Field> keywords = new ArrayList<>();
    for (Object k : (List<Object>) root.get("keywords")) {
      keywords.add(field(k, "keywords"));
    }
    Map<String, Field> also = new HashMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) root.getOrDefault("also", Map.of())).entrySet()) {
      if (!names.containsKey(e.getKey())) {
        throw new IllegalStateException(RESOURCE + ": also: " + e.getKey() + " is not a mapped Sigma name");
      }
      also.put(e.getKey(), field(e.getValue(), "also." + e.getKey()));
    }
    return new FieldMapping(names, keywords, also);
  }

  private static Field field(Object name, String where) {
    Field f = Field.byName(String.valueOf(name));
    if (f == null) {
      throw new IllegalStateException(RESOURCE + ": " + where + " names unknown schema field " + name);
    }
    return f;
  }

  /** The schema field for a rule's field name, or null when unknown. */
  public Field resolve(String name) {
    Field f = sigmaNames.get(name);
    return f != null ? f : Field.byName(name);
  }

  /**
   * The fields a rule's values for {@code name} are matched against (a value matches when it
   * matches one of them): the field {@link #resolve} gives, and its {@code also} field if any;
   * empty when the name is unknown.
   */
  public List<Field> matchFields(String name) {
    Field f = resolve(name);
    if (f == null) {
      return List.of();
    }
    Field second = also.get(name);
    return second == null ? List.of(f) : List.of(f, second);
  }

  /** The fields a keyword search list is matched against. */
  public List<Field> keywordFields() {
    return keywordFields;
  }
}
