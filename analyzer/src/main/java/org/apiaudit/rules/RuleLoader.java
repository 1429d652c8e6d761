package org.apiaudit.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiaudit.Sha256;
import org.apiaudit.UserException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads every rule file under a folder: {@code *.yml} and {@code *.yaml}, except the
 * {@code *.tests.yml} example files beside them. A file may hold several YAML documents
 * (separated by {@code ---}), e.g. base rules and the correlation that uses them.
 */
public final class RuleLoader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleLoader.class);
  /** Suffix of the example-event files that sit beside rules (see {@code RuleTestFile}). */
  public static final String TESTS_SUFFIX = ".tests.yml";

  /** Statuses whose rules are skipped by default (Sigma: no longer maintained, or not runnable). */
  public static final java.util.Set<String> SKIPPED_STATUSES = java.util.Set.of("deprecated", "unsupported");

  private final RuleParser parser;
  private final LoadPolicy policy;

  public RuleLoader(FieldMapping mapping, LoadPolicy policy) {
    this.parser = new RuleParser(mapping, policy.allowProxyRules());
    this.policy = policy;
  }

  public RuleLoader(LoadPolicy policy) {
    this(FieldMapping.load(), policy);
  }

  public RuleLoader() {
    this(LoadPolicy.STRICT);
  }

  /**
   * Loads and resolves all rules under {@code dir}: deprecated and unsupported rules are skipped;
   * under {@link LoadPolicy#skipUnsupported} so is every document that cannot be loaded or
   * compiled, and every correlation that references a skipped rule, each with its reason.
   */
  public RuleSet load(Path dir) {
    List<Rule> rules = new ArrayList<>();
    List<RuleSkip> skipped = new ArrayList<>();
    for (Path file : ruleFiles(dir)) {
      String rel = dir.relativize(file).toString().replace('\\', '/');
      List<Node> docs;
      byte[] bytes;
      try {
        bytes = read(file);
        docs = compose(rel, bytes);
      } catch (RuleError e) {
        skipOrThrow(skipped, e.asSkip(), e);
        continue;
      } catch (UserException e) {
        skipOrThrow(skipped, new RuleSkip(rel, 0, null, e.getMessage()), e);
        continue;
      }
      String sha = Sha256.of(bytes);
      for (Node doc : docs) {
        if (doc == null || YamlNodes.isNull(doc)) {
          continue;
        }
        try {
          Rule r = parser.parse(doc, rel, sha);
          RuleSkip byStatus = statusSkip(r);
          if (byStatus != null) {
            skipped.add(byStatus);
            continue;
          }
          if (policy.skipUnsupported() && r instanceof DetectionRule d) {
            CompiledQueries.of(d);
          }
          rules.add(r);
        } catch (RuleError e) {
          skipOrThrow(skipped, e.asSkip(), e);
        } catch (UserException e) {
          skipOrThrow(skipped, new RuleSkip(rel, YamlNodes.line(doc), null, e.getMessage()), e);
        }
      }
    }
    if (rules.isEmpty()) {
      throw new UserException("no rules (*.yml) under " + dir
          + (skipped.isEmpty() ? "" : " could be loaded (" + skipped.size() + " skipped)"));
    }
    if (policy.skipUnsupported()) {
      rules = RuleSet.withoutDanglingCorrelations(rules, skipped);
    }
    LOG.info("loaded {} rules from {}, skipped {}", rules.size(), dir.toUri(), skipped.size());
    return new RuleSet(rules, skipped);
  }

  /** The skip of a rule whose status is deprecated or unsupported, or null when it runs. */
  static RuleSkip statusSkip(Rule r) {
    String status = r.meta().status();
    if (status == null || !SKIPPED_STATUSES.contains(status)) {
      return null;
    }
    return new RuleSkip(r.meta().file(), r.meta().location().line(), r.id(), "status " + status
        + " (skipped by default)");
  }

  /** Parses one YAML document of file {@code rel} (digest {@code sha}) under this loader's policy. */
  Rule parseDocument(Node doc, String rel, String sha) {
    return parser.parse(doc, rel, sha);
  }

  private void skipOrThrow(List<RuleSkip> skipped, RuleSkip skip, UserException e) {
    if (!policy.skipUnsupported()) {
      throw e;
    }
    skipped.add(skip);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserException("cannot read rule file " + file + ": " + e.getMessage());
    }
  }

  /** The rule files under {@code dir}, sorted by path. */
  public static List<Path> ruleFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserException("rules folder " + dir + " does not exist (give --rules DIR)");
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            return (n.endsWith(".yml") || n.endsWith(".yaml")) && !n.endsWith(TESTS_SUFFIX);
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UserException("cannot list rules folder " + dir + ": " + e.getMessage());
    }
  }

  /** Loads the rule documents of one file. */
  public List<Rule> loadFile(Path dir, Path file) {
    String rel = dir.relativize(file).toString().replace('\\', '/');
    return parse(rel, read(file));
  }

  /** Parses rule documents from bytes; {@code rel} names them in errors. */
  public List<Rule> parse(String rel, byte[] bytes) {
    String sha = Sha256.of(bytes);
    List<Rule> out = new ArrayList<>();
    for (Node doc : compose(rel, bytes)) {
      if (doc != null && !YamlNodes.isNull(doc)) {
        out.add(parser.parse(doc, rel, sha));
      }
    }
    return out;
  }

  /** YAML documents of a file, with syntax errors and duplicate keys turned into file:line errors. */
  static List<Node> compose(String rel, byte[] bytes) {
    LoadSettings settings = LoadSettings.builder().setLabel(rel).setAllowDuplicateKeys(false).build();
    List<Node> docs = new ArrayList<>();
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      for (Node n : new Compose(settings).composeAllFromInputStream(in)) {
        YamlNodes.requireUniqueKeys(n, rel);
        docs.add(n);
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new RuleLocation(rel, line, null).error(null, "malformed YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new RuleLocation(rel, 0, null).error(null, "malformed YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new UserException("cannot read " + rel + ": " + e.getMessage());
    }
    return docs;
  }

}
