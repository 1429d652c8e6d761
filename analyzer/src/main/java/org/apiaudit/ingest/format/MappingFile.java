package org.apiaudit.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.apiaudit.UserException;

/**
 * Reads a field mapping written as JSON, for JSON-lines and CSV logs alike:
 *
 * <pre>{@code
 * {"name": "caddy", "time": "epoch_s", "latency_unit": "s",
 *  "fields": {"@timestamp": "ts", "source.ip": "request.remote_ip", "url": "request.uri"}}
 * }</pre>
 *
 * <p>{@code fields} maps a schema field name or alias ({@link org.apiaudit.schema.Field#byName})
 * or {@code url} to a source: a dotted JSON path, or a CSV header name. {@code time} is
 * {@code iso8601} (default), {@code epoch_s} or {@code epoch_ms}; {@code latency_unit} is
 * {@code ms} (default), {@code s}, {@code us} or {@code ns}; {@code time_zone} optionally names
 * the source holding the offset of zone-less timestamps. Every error is a {@link
 * UserException} naming the file and the key, because a mapping is user input and a typo must
 * not silently drop a field.
 */
public final class MappingFile {
  private static final JsonFactory JSON = new JsonFactory();

  private MappingFile() {}

  /** Reads the mapping in {@code file}; its name defaults to the file name. */
  public static FieldMapping read(Path file, ZoneId zone) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException("cannot read mapping file " + file + ": " + e.getMessage());
    }
    String fileName = file.getFileName().toString();
    String defaultName = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    return parse(new StringReader(text), file.toString(), defaultName, zone);
  }

  /** Reads a built-in mapping shipped as a class-path resource next to this class. */
  static FieldMapping resource(String resourceName, ZoneId zone) {
    try (InputStream in = MappingFile.class.getResourceAsStream(resourceName)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in mapping " + resourceName);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(new StringReader(text), "built-in " + resourceName, resourceName, zone);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in mapping " + resourceName, e);
    }
  }

  static FieldMapping parse(Reader reader, String where, String defaultName, ZoneId zone) {
    String name = defaultName;
    String time = null;
    String latency = null;
    String timeZone = null;
    java.util.LinkedHashMap<String, String> fields = null;
    try (JsonParser p = JSON.createParser(reader)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(where, "expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        switch (key) {
          case "name":
            name = string(p, t, where, key);
            break;
          case "time":
            time = string(p, t, where, key);
            break;
          case "latency_unit":
            latency = string(p, t, where, key);
            break;
          case "time_zone":
            timeZone = string(p, t, where, key);
            break;
          case "fields":
            if (t != JsonToken.START_OBJECT) {
              throw error(where, "key 'fields' must be an object of field name to source");
            }
            fields = new java.util.LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              fields.put(field, string(p, p.nextToken(), where, "fields." + field));
            }
            break;
          default:
            throw error(
                where,
                "unknown key '" + key + "'; known: name, time, latency_unit, time_zone, fields");
        }
      }
    } catch (JsonProcessingException e) {
      throw error(where, "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw error(where, e.getMessage());
    }
    if (fields == null) {
      throw error(where, "missing key 'fields'");
    }
    FieldMapping.Builder b = FieldMapping.builder(name, zone);
    if (time != null) {
      FieldMapping.TimeEncoding enc = FieldMapping.TimeEncoding.byName(time);
      if (enc == null) {
        throw error(where, "key 'time' must be iso8601, epoch_s or epoch_ms; got: " + time);
      }
      b.time(enc);
    }
    if (latency != null) {
      FieldMapping.LatencyUnit unit = FieldMapping.LatencyUnit.byName(latency);
      if (unit == null) {
        throw error(where, "key 'latency_unit' must be ms, s, us or ns; got: " + latency);
      }
      b.latencyUnit(unit);
    }
    try {
      for (var e : fields.entrySet()) {
        try {
          b.map(e.getKey(), e.getValue());
        } catch (IllegalArgumentException ex) {
          throw error(where, "key 'fields." + e.getKey() + "': " + ex.getMessage());
        }
      }
      if (timeZone != null) {
        b.timeZoneSource(timeZone);
      }
      return b.build();
    } catch (IllegalArgumentException ex) {
      throw error(where, ex.getMessage());
    }
  }

  private static String string(JsonParser p, JsonToken t, String where, String key) {
    if (t != JsonToken.VALUE_STRING) {
      throw error(where, "key '" + key + "' must be a string");
    }
    try {
      return p.getText();
    } catch (IOException e) {
      throw error(where, e.getMessage());
    }
  }

  private static UserException error(String where, String message) {
    return new UserException("mapping file " + where + ": " + message);
  }
}
