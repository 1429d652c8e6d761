package org.apiaudit.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Test-only reader of labels.json: actors, scenario counts, leak-sample accesses. */
final class LabelsFile {
  record Actor(String kind, String value, String truthClass, String scenario, String role) {}

  final List<Actor> actors = new ArrayList<>();
  final Map<String, Map<String, String>> scenarios = new HashMap<>();
  final List<String> accessedByAttacker = new ArrayList<>();
  int untraceableScraped;

  static LabelsFile read(Path file) throws IOException {
    LabelsFile labels = new LabelsFile();
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "actors":
            while (p.nextToken() == JsonToken.START_OBJECT) {
              Map<String, String> o = flatObject(p);
              labels.actors.add(new Actor(o.get("kind"), o.get("value"), o.get("class"),
                  o.get("scenario"), o.get("role")));
            }
            break;
          case "scenarios":
            while (p.nextToken() == JsonToken.START_OBJECT) {
              Map<String, String> o = flatObject(p);
              labels.scenarios.put(o.get("name"), o);
            }
            break;
          case "leak_sample":
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              if (key.equals("accessed_by_attacker")) {
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                  labels.accessedByAttacker.add(p.getText());
                }
              } else if (key.equals("untraceable_scraped")) {
                labels.untraceableScraped = p.getIntValue();
              }
            }
            break;
          default:
            p.skipChildren();
        }
      }
    }
    return labels;
  }

  Set<String> values(String kind, String scenario) {
    return actors.stream().filter(a -> a.kind().equals(kind) && a.scenario().equals(scenario))
        .map(Actor::value).collect(Collectors.toSet());
  }

  Set<String> attackValues(String kind) {
    return actors.stream()
        .filter(a -> a.kind().equals(kind)
            && (a.truthClass().equals("scraping") || a.truthClass().equals("credential-misuse")))
        .map(Actor::value).collect(Collectors.toSet());
  }

  /** An object's scalar fields as text; nested arrays and objects are skipped. */
  private static Map<String, String> flatObject(JsonParser p) throws IOException {
    Map<String, String> o = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
        p.skipChildren();
      } else {
        o.put(key, p.getText());
      }
    }
    return o;
  }
}
