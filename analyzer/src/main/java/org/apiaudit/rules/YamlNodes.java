package org.apiaudit.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Small helpers over SnakeYAML Engine's node tree: the composed nodes keep their line numbers
 * (marks), which the plain {@code Load} API drops, so rule errors can say file:line.
 */
public final class YamlNodes {
  private YamlNodes() {}

  /** 1-based line where {@code node} starts, or 0. */
  public static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /** The key/value pairs of a mapping, keys as strings, in file order. */
  static Map<String, NodeTuple> entries(MappingNode node) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      out.put(scalarOrNull(t.getKeyNode()), t);
    }
    return out;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** The scalar's text, or null for YAML null or a non-scalar. */
  public static String scalarOrNull(Node node) {
    if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return s.getValue();
    }
    return null;
  }

  /**
   * Refuses a key written twice in one mapping anywhere under {@code node}: composing keeps
   * both (only constructing objects checks for duplicates), and {@link #entries} would
   * silently keep the later one, so a rule would run other than it reads.
   */
  static void requireUniqueKeys(Node node, String file) {
    requireUniqueKeys(node, file, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  private static void requireUniqueKeys(Node node, String file, java.util.Set<Node> seen) {
    if (!seen.add(node)) {
      return; // an alias of a node already checked
    }
    if (node instanceof MappingNode m) {
      Map<String, Integer> firstLines = new java.util.HashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = scalarOrNull(t.getKeyNode());
        Integer first = key == null ? null : firstLines.putIfAbsent(key, line(t.getKeyNode()));
        if (first != null) {
          throw new RuleLocation(file, line(t.getKeyNode()), null).error(null, "duplicate key '" + key
              + "' (first on line " + first + ")");
        }
        requireUniqueKeys(t.getValueNode(), file, seen);
      }
    } else if (node instanceof SequenceNode s) {
      for (Node n : s.getValue()) {
        requireUniqueKeys(n, file, seen);
      }
    }
  }

  /** A node as plain values: maps, lists, strings (numbers as their text) and null. */
  public static Object plain(Node node) {
    if (node instanceof MappingNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        out.put(scalarOrNull(t.getKeyNode()), plain(t.getValueNode()));
      }
      return out;
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (Node n : s.getValue()) {
        out.add(plain(n));
      }
      return out;
    }
    return scalarOrNull(node);
  }
}
