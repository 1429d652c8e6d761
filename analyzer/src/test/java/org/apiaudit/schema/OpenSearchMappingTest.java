package org.apiaudit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSearchMappingTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> properties() {
    Map<String, Object> mappings = (Map<String, Object>) OpenSearchMapping.mappings().get("mappings");
    return (Map<String, Map<String, Object>>) mappings.get("properties");
  }

  @Test
  void everySchemaFieldIsMappedOnce() {
    assertEquals(Field.values().length, properties().size());
  }

  @Test
  void typesFollowTheSchema() {
    Map<String, Map<String, Object>> p = properties();
    assertEquals("date", p.get("@timestamp").get("type"));
    assertEquals("ip", p.get("source.ip").get("type"));
    assertEquals("long", p.get("http.response.status_code").get("type"));
    assertEquals("keyword", p.get("auth.principal").get("type"));
    assertEquals("text", p.get("user_agent.text").get("type"));
    assertEquals(false, p.get("event.original").get("index"));
    assertEquals(false, p.get("http.request.referrer").get("doc_values"));
    assertNull(p.get("url.query").get("doc_values"), "distinct query strings are counted per address");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> template() {
    return OpenSearchMapping.indexTemplate("apiaudit-events-*", "apiaudit-events", 0, null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTemplateAliasesEveryShortNameThatIsNoObjectPath() {
    Map<String, Object> t = (Map<String, Object>) template().get("template");
    Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) ((Map<String, Object>) t.get("mappings"))
        .get("properties");
    int aliases = 0;
    for (Field f : Field.values()) {
      assertEquals(f.type().openSearchType(), p.get(f.fieldName()).get("type"), "the fields themselves stay");
      for (String shortName : f.aliases()) {
        boolean objectPath = java.util.Arrays.stream(Field.values()).anyMatch(o -> o.fieldName().startsWith(shortName + "."));
        if (objectPath) {
          assertNull(p.get(shortName), shortName + " is the object holding " + f);
        } else {
          assertEquals(Map.of("type", "alias", "path", f.fieldName()), p.get(shortName), shortName);
          aliases++;
        }
      }
    }
    assertEquals(Field.values().length + aliases, p.size());
    assertNull(p.get("auth"), "auth.type's short name is the object auth");
    assertNull(p.get("waf"), "waf.action's short name is the object waf");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTemplateSortsByTimeAndAcceptsTheRulesLongExpressions() {
    Map<String, Object> body = template();
    assertEquals(java.util.List.of("apiaudit-events-*"), body.get("index_patterns"));
    Map<String, Object> t = (Map<String, Object>) body.get("template");
    Map<String, Object> settings = (Map<String, Object>) t.get("settings");
    assertEquals("@timestamp", settings.get("index.sort.field"));
    assertEquals("asc", settings.get("index.sort.order"));
    assertEquals(0, settings.get("index.number_of_replicas"));
    assertEquals(OpenSearchMapping.MAX_REGEX_LENGTH, settings.get("index.max_regex_length"));
    assertEquals(Map.of("apiaudit-events", Map.of()), t.get("aliases"));
  }
}
