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
}
