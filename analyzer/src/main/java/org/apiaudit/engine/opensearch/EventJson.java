package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Writes an event as an OpenSearch document: the same fields and values the embedded index
 * gets from {@link EventDocumentBuilder}, under the schema's names. Instants go as epoch
 * milliseconds (the mapping's first format), keywords cut to the same length the embedded
 * index keeps, and derived text fields are left out, as there.
 */
final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private EventJson() {}

  /** Appends {@code event} as one line of JSON (no line break) to {@code out}. */
  static void write(Event event, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      for (Field f : Field.values()) {
        if (!event.has(f)) {
          continue;
        }
        switch (f.type()) {
          case INSTANT, LONG -> g.writeNumberField(f.fieldName(), event.getLong(f));
          case KEYWORD -> g.writeStringField(f.fieldName(), EventDocumentBuilder.truncate(event.get(f)));
          case IP, STORED -> g.writeStringField(f.fieldName(), event.get(f));
          case TEXT -> { } // matched through its keyword source, never sent
          default -> throw new AssertionError(f.type());
        }
      }
      g.writeEndObject();
    }
  }
}
