package org.apiaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks rule documents against the official Sigma JSON schemas (draft 2020-12, bundled beside
 * this class, from SigmaHQ/sigma-specification), with a kept validator library
 * (com.networknt json-schema-validator) rather than a hand-written subset, so {@code rules lint}
 * agrees with sigma-cli and pySigma on what a standard document is: status, level, tags, dates,
 * the correlation types and their required keys. {@code x-apiaudit/*} correlations are not
 * standard Sigma and are not checked here (their own checks are {@link CorrelationParameters}).
 */
public final class SigmaSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.regex.Pattern CONSTANT = java.util.regex.Pattern.compile("must be the constant value '(.*)'");
  private final Schema detection;
  private final Schema correlation;

  public SigmaSchema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    detection = load(registry, "sigma-detection-rule-schema.json");
    correlation = load(registry, "sigma-correlation-rules-schema.json");
  }

  private static Schema load(SchemaRegistry registry, String name) {
    try (InputStream in = SigmaSchema.class.getResourceAsStream("sigma-schema/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource sigma-schema/" + name);
      }
      return registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read sigma-schema/" + name, e);
    }
  }

  /** Whether the document is standard Sigma (not an {@code x-apiaudit/*} correlation). */
  public static boolean isStandard(Node doc) {
    if (!(doc instanceof MappingNode m)) {
      return true;
    }
    NodeTuple corr = YamlNodes.entries(m).get("correlation");
    if (corr == null || !(corr.getValueNode() instanceof MappingNode c)) {
      return true;
    }
    NodeTuple type = YamlNodes.entries(c).get("type");
    String t = type == null ? null : YamlNodes.scalarOrNull(type.getValueNode());
    return t == null || !t.startsWith("x-apiaudit/");
  }

  /**
   * The schema violations of one standard document, each as file:line: rule: path: message (the
   * line of the offending YAML node); empty when it conforms or is not standard Sigma.
   */
  public List<RuleError> check(Node doc, String file) {
    if (!isStandard(doc)) {
      return List.of();
    }
    boolean isCorrelation = doc instanceof MappingNode m && YamlNodes.entries(m).containsKey("correlation");
    JsonNode json = JSON.valueToTree(typed(doc));
    String id = doc instanceof MappingNode m && YamlNodes.entries(m).get("id") != null
        ? YamlNodes.scalarOrNull(YamlNodes.entries(m).get("id").getValueNode()) : null;
    // one problem per offending node: a oneOf of constants (status, level) fails once per constant
    Map<String, List<String>> byPath = new LinkedHashMap<>();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (Error e : (isCorrelation ? correlation : detection).validate(json)) {
      String path = e.getInstanceLocation().toString();
      byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(e.getMessage());
      values.putIfAbsent(path, e.getInstanceNode());
    }
    List<RuleError> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> p : byPath.entrySet()) {
      List<String> constants = new ArrayList<>();
      List<String> other = new ArrayList<>();
      for (String m : p.getValue()) {
        java.util.regex.Matcher c = CONSTANT.matcher(m);
        if (c.find()) {
          constants.add(c.group(1));
        } else if (!m.contains("one and only one schema")) {
          other.add(m);
        }
      }
      if (!constants.isEmpty()) {
        other.add(0, "must be one of " + String.join(", ", constants) + "; got: " + values.get(p.getKey()));
      } else if (other.isEmpty()) {
        other.addAll(p.getValue());
      }
      RuleLocation loc = new RuleLocation(file, lineOf(doc, p.getKey()), id);
      out.add(loc.error("schema " + (p.getKey().isEmpty() ? "$" : p.getKey()), String.join("; ", other)
          + " (official Sigma " + (isCorrelation ? "correlation" : "detection") + " rule schema)"));
    }
    return out;
  }

  /** The document as typed values (numbers, booleans), as a Sigma tool reading the YAML sees it. */
  private static Object typed(Node doc) {
    return new StandardConstructor(LoadSettings.builder().build()).constructSingleDocument(java.util.Optional.of(doc));
  }

  /** The line of the node at a JSON-pointer-like {@code $.a.b[0]} or {@code /a/b/0} path, else the document's. */
  private static int lineOf(Node doc, String path) {
    Node n = doc;
    int line = YamlNodes.line(doc);
    for (String tok : path.replaceAll("^\\$\\.?|^/", "").split("[./\\[\\]]+")) {
      if (tok.isEmpty()) {
        continue;
      }
      Node next = null;
      if (n instanceof MappingNode m) {
        NodeTuple t = YamlNodes.entries(m).get(tok);
        next = t == null ? null : t.getValueNode();
        if (t != null) {
          line = YamlNodes.line(t.getKeyNode());
        }
      } else if (n instanceof SequenceNode s && tok.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(tok);
        next = i < s.getValue().size() ? s.getValue().get(i) : null;
        if (next != null) {
          line = YamlNodes.line(next);
        }
      }
      if (next == null) {
        break;
      }
      n = next;
    }
    return line;
  }
}
