package org.apiaudit.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.schema.Event;

/**
 * Reads one JSON object per line with Jackson's streaming parser, keeping only the values a
 * {@link FieldMapping} asks for.
 *
 * <p>The mapping's dotted paths are compiled into a tree, so a line is walked once: an unmapped
 * key's value (scalar, object or array) is skipped without building anything. A mapped path
 * that ends at an array takes its first scalar element (Caddy logs headers as
 * {@code "User-Agent": ["…"]}). JSON {@code null} means absent. Text before the first
 * {@code {} is skipped, so {@code docker compose logs} output ({@code caddy  | {…}}) reads as
 * is. Immutable; the {@link JsonFactory} is shared, a parser is made per line.
 */
final class JsonLineParser implements LineParser {
  private static final JsonFactory JSON = new JsonFactory();

  /** A step of a mapped path: its children, and the slot fed when the path ends here. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    int slot = -1;
  }

  private final FieldMapping mapping;
  private final Node root = new Node();

  JsonLineParser(FieldMapping mapping) {
    this.mapping = mapping;
    for (int slot = 0; slot < mapping.slots(); slot++) {
      Node node = root;
      for (String step : mapping.source(slot).split("\\.", -1)) {
        node = node.children.computeIfAbsent(step, k -> new Node());
      }
      node.slot = slot;
    }
  }

  @Override
  public String parse(String line, Event event) {
    String[] values = new String[mapping.slots()];
    String reason = read(line, values);
    return reason != null ? reason : mapping.apply(values, event);
  }

  /**
   * Fills {@code values} from {@code line}; returns a reject reason or null. Also used by
   * sniffing, which counts the mapped keys found.
   */
  String read(String line, String[] values) {
    int start = line.indexOf('{');
    if (start < 0) {
      return line.isBlank() ? "empty line" : "not a JSON object";
    }
    try (JsonParser p = JSON.createParser(line.substring(start))) {
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return "not a JSON object";
        }
        readObject(p, root, values);
        return null;
      } catch (StreamConstraintsException e) {
        // Nesting deeper than 1000 or a number longer than 1000 digits: Jackson's guards
        // against hostile documents. Such an exception carries no location.
        return "JSON beyond the parser's limits at column " + (start + p.currentLocation().getColumnNr()) + ": "
            + firstLine(e.getOriginalMessage());
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        return "bad JSON at column " + (start + at.getColumnNr()) + ": " + firstLine(e.getOriginalMessage());
      }
    } catch (IOException e) {
      return "bad JSON: " + firstLine(e.getMessage());
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static void readObject(JsonParser p, Node node, String[] values) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      Node child = node.children.get(p.currentName());
      t = p.nextToken();
      if (child == null) {
        p.skipChildren();
      } else if (t == JsonToken.START_OBJECT) {
        readObject(p, child, values);
      } else if (t == JsonToken.START_ARRAY) {
        readFirstScalar(p, child, values);
      } else if (child.slot >= 0) {
        values[child.slot] = t == JsonToken.VALUE_NULL ? null : p.getText();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new JsonProcessingException("unexpected " + t, p.currentLocation()) {};
    }
  }

  private static void readFirstScalar(JsonParser p, Node node, String[] values) throws IOException {
    JsonToken t = p.nextToken();
    if (node.slot >= 0 && t != null && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
      values[node.slot] = p.getText();
    }
    while (t != JsonToken.END_ARRAY && t != null) {
      p.skipChildren();
      t = p.nextToken();
    }
  }
}
