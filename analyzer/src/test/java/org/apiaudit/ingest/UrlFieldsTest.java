package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;

/** url.original and url.extension as Sigma's URI names expect them. */
class UrlFieldsTest {
  private static Event derived(String path, String query) {
    Event e = new Event().set(Field.URL_PATH, path).set(Field.URL_QUERY, query);
    UrlFields.derive(e);
    return e;
  }

  @Test
  void originalIsPathQuestionMarkQueryAsSent() {
    assertEquals("/mgmt/tm/util/bash", derived("/mgmt/tm/util/bash", null).get(Field.URL_ORIGINAL));
    assertEquals("/download?file=../../etc/passwd", derived("/download", "file=../../etc/passwd").get(Field.URL_ORIGINAL));
    assertNull(derived(null, null).get(Field.URL_ORIGINAL));
  }

  @Test
  void extensionIsTheLastSegmentsWithoutTheDot() {
    assertEquals("gz", derived("/files/a.tar.gz", "x=1.2").get(Field.URL_EXTENSION));
    assertEquals("PHP", derived("/index.PHP", null).get(Field.URL_EXTENSION));
    assertNull(derived("/.htaccess", null).get(Field.URL_EXTENSION));
    assertNull(derived("/v1.2/users", null).get(Field.URL_EXTENSION));
    assertNull(derived("/x.", null).get(Field.URL_EXTENSION));
  }
}
