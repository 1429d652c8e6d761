package org.apiaudit.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.UserException;

/**
 * Checks a rules folder without stopping at the first problem: each file is loaded and
 * compiled on its own (a malformed file is reported as file:line and the others still
 * checked), then references are resolved and the pack's metadata conventions checked.
 */
public final class RuleLinter {
  /** The outcome: counts and one line per problem. */
  public record Report(int files, int rules, List<String> problems) {}

  public Report lint(Path dir) {
    RuleLoader loader = new RuleLoader();
    QueryCompiler compiler = new QueryCompiler();
    List<String> problems = new ArrayList<>();
    List<Rule> all = new ArrayList<>();
    List<Path> files = RuleLoader.ruleFiles(dir);
    for (Path f : files) {
      try {
        List<Rule> rules = loader.loadFile(dir, f);
        for (Rule r : rules) {
          if (r instanceof DetectionRule d) {
            compiler.compile(d);
          }
          problems.addAll(metadata(r));
        }
        all.addAll(rules);
      } catch (UserException e) {
        problems.add(e.getMessage());
      }
    }
    try {
      new RuleSet(all);
    } catch (UserException e) {
      problems.add(e.getMessage());
    }
    return new Report(files.size(), all.size(), problems);
  }

  private static List<String> metadata(Rule r) {
    List<String> out = new ArrayList<>();
    RuleMeta m = r.meta();
    RuleLocation loc = m.location();
    if (m.status() == null) {
      out.add(loc.error("status", "is missing").getMessage());
    }
    if (m.description() == null) {
      out.add(loc.error("description", "is missing: say what it detects and why it matters").getMessage());
    }
    if (m.references().isEmpty()) {
      out.add(loc.error("references", "is missing").getMessage());
    }
    if (m.falsepositives().isEmpty()) {
      out.add(loc.error("falsepositives", "is missing: say when the rule is wrong").getMessage());
    }
    if (m.tags().isEmpty()) {
      out.add(loc.error("tags", "is missing").getMessage());
    }
    return out;
  }
}
