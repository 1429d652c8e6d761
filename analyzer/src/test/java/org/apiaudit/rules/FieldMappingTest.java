package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

/** Sigma's field names onto the schema: the bundled data file, and a broken one refused at start. */
class FieldMappingTest {
  private static final FieldMapping BUNDLED = FieldMapping.load();

  @Test
  void sigmaWebserverNamesMapOntoSchemaFields() {
    assertEquals(Field.SOURCE_IP, BUNDLED.resolve("c-ip"));
    assertEquals(Field.URL_PATH, BUNDLED.resolve("cs-uri-stem"));
    assertEquals(Field.STATUS, BUNDLED.resolve("sc-status"));
    assertEquals(Field.USER_AGENT, BUNDLED.resolve("c-useragent"), "the proxy spelling too");
  }

  @Test
  void schemaNamesAndAliasesResolveWhereNoSigmaNameDoes() {
    assertEquals(Field.SUBJECT_ID, BUNDLED.resolve("subject.id"));
    assertEquals(Field.USER_AGENT, BUNDLED.resolve("ua"));
    assertEquals(null, BUNDLED.resolve("Image"));
    assertEquals(List.of(), BUNDLED.matchFields("Image"));
  }

  @Test
  void aQueryNameIsMatchedAgainstTheWholeTargetAndTheQueryString() {
    assertEquals(List.of(Field.URL_ORIGINAL, Field.URL_QUERY), BUNDLED.matchFields("cs-uri-query"));
    assertEquals(List.of(Field.URL_QUERY), BUNDLED.matchFields("c-uri-query"));
  }

  @Test
  void keywordListsSearchTheLinesTextFields() {
    assertEquals(List.of(Field.URL_ORIGINAL, Field.URL_DOMAIN, Field.STATUS, Field.MESSAGE, Field.USER_AGENT,
        Field.REFERRER, Field.METHOD, Field.FORWARDED_FOR, Field.MIME_TYPE, Field.PRINCIPAL, Field.WAF_ACTION),
        BUNDLED.keywordFields());
  }

  private static String broken(Map<String, Object> yaml) {
    return assertThrows(IllegalStateException.class, () -> FieldMapping.parse(yaml)).getMessage();
  }

  @Test
  void aBrokenMappingFileIsRefusedNamingTheEntry() {
    Map<String, Object> group = Map.of("fields", Map.of("c-ip", "source.ip"));
    assertEquals("field-mapping.yml: c-ip maps to unknown schema field source.address",
        broken(Map.of("groups", List.of(Map.of("fields", Map.of("c-ip", "source.address"))), "keywords", List.of())));
    assertEquals("field-mapping.yml: keywords names unknown schema field body",
        broken(Map.of("groups", List.of(group), "keywords", List.of("body"))));
    assertEquals("field-mapping.yml: also: cs-uri is not a mapped Sigma name",
        broken(Map.of("groups", List.of(group), "keywords", List.of(), "also", Map.of("cs-uri", "url.query"))));
    assertEquals("field-mapping.yml: also.c-ip names unknown schema field nowhere",
        broken(Map.of("groups", List.of(group), "keywords", List.of(), "also", Map.of("c-ip", "nowhere"))));
  }
}
