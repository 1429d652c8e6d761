package org.apiaudit.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.UserException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Checks a rules folder without stopping at the first problem: each file is loaded and
 * compiled on its own (a malformed file is reported as file:line and the others still
 * checked), every standard document is checked against the official Sigma JSON schema
 * ({@link SigmaSchema}: status, level, tags, dates, correlation keys), then references are
 * resolved and the pack's metadata conventions checked.
 */
public final class RuleLinter {
  /**
   * One problem.
   *
   * @param file the rule file relative to the rules folder
   * @param line its line, 0 when unknown
   * @param rule the rule id, or null
   * @param message the whole line as printed: file:line: rule ID: key: reason
   */
  public record Problem(String file, int line, String rule, String message) {
    static Problem of(UserException e, String file) {
      if (e instanceof RuleError r) {
        RuleLocation l = r.location();
        return new Problem(l.file(), l.line(), l.ruleId(), e.getMessage());
      }
      return new Problem(file, 0, null, e.getMessage());
    }
  }

  /** The outcome: counts and one entry per problem. */
  public record Report(int files, int rules, List<Problem> problems) {}

  private final SigmaSchema schema = new SigmaSchema();

  public Report lint(Path dir) {
    RuleLoader loader = new RuleLoader();
    List<Problem> problems = new ArrayList<>();
    List<Rule> all = new ArrayList<>();
    List<Path> files = RuleLoader.ruleFiles(dir);
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      try {
        byte[] bytes = Files.readAllBytes(f);
        for (Node doc : RuleLoader.compose(rel, bytes)) {
          if (doc != null && !YamlNodes.isNull(doc)) {
            schema.check(doc, rel).forEach(e -> problems.add(Problem.of(e, rel)));
          }
        }
        List<Rule> rules = loader.parse(rel, bytes);
        for (Rule r : rules) {
          if (r instanceof DetectionRule d) {
            CompiledQueries.of(d);
          }
          metadata(r).forEach(e -> problems.add(Problem.of(e, rel)));
        }
        all.addAll(rules);
      } catch (UserException e) {
        problems.add(Problem.of(e, rel));
      } catch (IOException e) {
        problems.add(new Problem(rel, 0, null, "cannot read rule file " + f + ": " + e.getMessage()));
      }
    }
    try {
      new RuleSet(all);
    } catch (UserException e) {
      problems.add(Problem.of(e, null));
    }
    return new Report(files.size(), all.size(), problems);
  }

  private static List<RuleError> metadata(Rule r) {
    List<RuleError> out = new ArrayList<>();
    RuleMeta m = r.meta();
    RuleLocation loc = m.location();
    if (m.status() == null) {
      out.add(loc.error("status", "is missing"));
    }
    if (m.description() == null) {
      out.add(loc.error("description", "is missing: say what it detects and why it matters"));
    }
    if (m.references().isEmpty()) {
      out.add(loc.error("references", "is missing"));
    }
    if (m.falsepositives().isEmpty()) {
      out.add(loc.error("falsepositives", "is missing: say when the rule is wrong"));
    }
    if (m.tags().isEmpty()) {
      out.add(loc.error("tags", "is missing"));
    }
    return out;
  }
}
