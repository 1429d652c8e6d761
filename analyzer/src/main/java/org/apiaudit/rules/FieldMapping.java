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
 * <p>Also says which fields a keyword (unnamed) search list is matched against.
 */
public final class FieldMapping {
  /** The resource holding the default mapping. */
  public static final String RESOURCE = "field-mapping.yml";

  private final Map<String, Field> sigmaNames;
  private final List<Field> keywordFields;

  FieldMapping(Map<String, Field> sigmaNames, List<Field> keywordFields) {
    this.sigmaNames = Collections.unmodifiableMap(new HashMap<>(sigmaNames));
    this.keywordFields = List.copyOf(keywordFields);
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
      keywords.add(Field.byName(k.toString()));
    }
    return new FieldMapping(names, keywords);
  }

  /** The schema field for a rule's field name, or null when unknown. */
  public Field resolve(String name) {
    Field f = sigmaNames.get(name);
    return f != null ? f : Field.byName(name);
  }

  /** The fields a keyword search list is matched against. */
  public List<Field> keywordFields() {
    return keywordFields;
  }
}
