package org.apiaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code analyzer/src/main/java} depend on each other one way only: a cycle
 * means two packages can no longer be read, tested or moved apart. The graph comes from a scan
 * of the source (imports and fully qualified names outside comments and strings), which needs no
 * library and sees exactly what a reader sees.
 */
class PackageDependenciesTest {
  private static final Path SOURCES = Path.of(System.getProperty("project.root", ".."))
      .resolve("analyzer/src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  /** A reference to a type of the project: lower-case segments, then the type's capital. */
  private static final Pattern REFERENCE = Pattern.compile("\\borg\\.apiaudit((?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z*]");
  private static final Pattern COMMENT_OR_STRING = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'", Pattern.DOTALL);

  @Test
  void noPackageCycle() throws IOException {
    Graph graph = Graph.scan(SOURCES);
    assertTrue(graph.edges.size() > 10, "scanned too few packages under " + SOURCES.toAbsolutePath() + ": " + graph.edges.keySet());
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : graph.stronglyConnected()) {
      if (component.size() > 1) {
        cycles.add(graph.describeCycle(component));
      }
    }
    assertEquals(List.of(), cycles, "package cycles (each: a -> b [by File.java] ...)");
  }

  @Test
  void onlyCliDependsOnCli() throws IOException {
    Graph graph = Graph.scan(SOURCES);
    Map<String, Set<String>> intoCli = new TreeMap<>();
    graph.edges.forEach((from, tos) -> {
      if (!from.equals("org.apiaudit.cli") && tos.contains("org.apiaudit.cli")) {
        intoCli.put(from, graph.files.get(from + " -> org.apiaudit.cli"));
      }
    });
    assertEquals(Map.of(), intoCli, "cross-cutting types belong in org.apiaudit, not in cli (package -> files)");
  }

  /** The leaves the package guides promise: everything may use them because they use (almost) nothing. */
  @Test
  void leavesStayLeaves() throws IOException {
    Map<String, Set<String>> allowed = Map.of(
        "org.apiaudit", Set.of(),
        "org.apiaudit.schema", Set.of(),
        "org.apiaudit.output", Set.of(),
        "org.apiaudit.privacy", Set.of("org.apiaudit"),
        "org.apiaudit.detect.memory", Set.of("org.apiaudit"));
    assertEquals(Map.of(), beyond(Graph.scan(SOURCES), allowed), "leaf packages using more than their package-info.java allows");
  }

  /**
   * {@code detect}'s concerns use only what their package guides name: each one below those that
   * use it (findings, memory, scan, correlate, judge, then {@code detect} itself wiring them).
   */
  @Test
  void detectConcernsDependDownward() throws IOException {
    String root = "org.apiaudit";
    String detect = "org.apiaudit.detect.";
    Map<String, Set<String>> allowed = Map.of(
        detect + "findings", Set.of(root, root + ".output", root + ".rules"),
        detect + "scan", Set.of(root, root + ".schema", detect + "findings"),
        detect + "correlate", Set.of(root, root + ".rules", root + ".schema", detect + "scan", detect + "memory"),
        detect + "judge", Set.of(root, root + ".index", root + ".rules", root + ".schema", detect + "findings",
            detect + "scan", detect + "memory", detect + "correlate"));
    assertEquals(Map.of(), beyond(Graph.scan(SOURCES), allowed), "detect packages using more than their package-info.java allows");
  }

  /** Per package of {@code allowed}, the packages it uses beyond those allowed (only packages that do). */
  private static Map<String, Set<String>> beyond(Graph graph, Map<String, Set<String>> allowed) {
    Map<String, Set<String>> beyond = new TreeMap<>();
    allowed.forEach((pkg, may) -> {
      Set<String> uses = new TreeSet<>(graph.edges.getOrDefault(pkg, Set.of()));
      uses.removeAll(may);
      if (!uses.isEmpty()) {
        beyond.put(pkg, uses);
      }
    });
    return beyond;
  }

  @Test
  void findsACycleAndNamesTheFilesThatMakeIt(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    write(dir, "org/apiaudit/a/A.java", "package org.apiaudit.a;\nimport org.apiaudit.b.B;\nclass A {}\n");
    write(dir, "org/apiaudit/b/B.java", "package org.apiaudit.b;\nclass B { org.apiaudit.c.C c; }\n");
    write(dir, "org/apiaudit/c/C.java", "package org.apiaudit.c;\n// org.apiaudit.d.D is only mentioned\n"
        + "class C { org.apiaudit.a.A a; String s = \"org.apiaudit.d.D\"; }\n");
    write(dir, "org/apiaudit/d/D.java", "package org.apiaudit.d;\nimport static org.apiaudit.c.C.*;\nclass D {}\n");
    Graph graph = Graph.scan(dir);
    List<Set<String>> components = graph.stronglyConnected().stream().filter(c -> c.size() > 1).toList();
    assertEquals(List.of(Set.of("org.apiaudit.a", "org.apiaudit.b", "org.apiaudit.c")), components);
    assertEquals("org.apiaudit.a -> org.apiaudit.b [A.java] -> org.apiaudit.c [B.java] -> org.apiaudit.a [C.java]",
        graph.describeCycle(components.get(0)));
  }

  private static void write(Path root, String file, String text) throws IOException {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** Package → packages it uses, and for each edge the files that make it. */
  private static final class Graph {
    final Map<String, Set<String>> edges = new TreeMap<>();
    final Map<String, Set<String>> files = new HashMap<>();

    static Graph scan(Path root) throws IOException {
      Graph g = new Graph();
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(root)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path file : sources) {
        String code = COMMENT_OR_STRING.matcher(Files.readString(file)).replaceAll(" ");
        Matcher pkg = PACKAGE.matcher(code);
        if (!pkg.find()) {
          continue;
        }
        String from = pkg.group(1);
        g.edges.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(code);
        while (ref.find()) {
          String to = "org.apiaudit" + ref.group(1);
          if (ref.group().endsWith("*") && !Files.isDirectory(root.resolve(to.replace('.', '/')))) {
            to = to.substring(0, to.lastIndexOf('.')); // import static org.apiaudit.x.Type.*
          }
          if (!to.equals(from)) {
            g.edges.get(from).add(to);
            g.files.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(file.getFileName().toString());
          }
        }
      }
      return g;
    }

    /** Tarjan's strongly connected components, in a stable order. */
    List<Set<String>> stronglyConnected() {
      Map<String, Integer> index = new HashMap<>();
      Map<String, Integer> low = new HashMap<>();
      Deque<String> stack = new ArrayDeque<>();
      Set<String> onStack = new TreeSet<>();
      List<Set<String>> out = new ArrayList<>();
      for (String v : edges.keySet()) {
        if (!index.containsKey(v)) {
          connect(v, index, low, stack, onStack, out);
        }
      }
      return out;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
        Set<String> onStack, List<Set<String>> out) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      onStack.add(v);
      for (String w : edges.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          connect(w, index, low, stack, onStack, out);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        out.add(component);
      }
    }

    /** The shortest cycle through the component's first package, each step with the files that make it. */
    String describeCycle(Set<String> component) {
      String start = component.iterator().next();
      Map<String, String> parent = new HashMap<>();
      Deque<String> queue = new ArrayDeque<>(List.of(start));
      Optional<String> last = Optional.empty();
      while (!queue.isEmpty() && last.isEmpty()) {
        String v = queue.poll();
        for (String w : edges.get(v)) {
          if (w.equals(start)) {
            last = Optional.of(v);
            break;
          }
          if (component.contains(w) && !parent.containsKey(w)) {
            parent.put(w, v);
            queue.add(w);
          }
        }
      }
      List<String> path = new ArrayList<>();
      for (String v = last.orElseThrow(); v != null; v = parent.get(v)) {
        path.add(0, v);
      }
      path.add(start);
      StringBuilder text = new StringBuilder(start);
      for (int i = 1; i < path.size(); i++) {
        String edge = path.get(i - 1) + " -> " + path.get(i);
        text.append(" -> ").append(path.get(i)).append(' ').append(files.get(edge));
      }
      return text.toString();
    }
  }
}
