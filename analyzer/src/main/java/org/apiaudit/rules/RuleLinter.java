package org.apiaudit.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.Sha256;
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

  /**
   * The outcome: counts, one entry per problem, and the documents skipped as {@code detect}
   * would skip them under the same {@link LoadPolicy} (none unless it skips unsupported rules).
   */
  public record Report(int files, int rules, List<Problem> problems, List<RuleSkip> skipped) {}

  private final SigmaSchema schema = new SigmaSchema();
  private final LoadPolicy policy;

  /** A linter that requires every document to load, as {@code detect} does by default. */
  public RuleLinter() {
    this(LoadPolicy.STRICT);
  }

  /**
   * A linter loading as {@code detect} does under {@code policy}: proxy rules accepted only when
   * it allows them; when it skips unsupported rules, a document {@code detect} would skip (a
   * construct it cannot run, a deprecated status, a correlation on a skipped rule) is listed with
   * its reason instead of counted as a problem, and only the rules that load are checked further.
   */
  public RuleLinter(LoadPolicy policy) {
    this.policy = policy;
  }

  public Report lint(Path dir) {
    RuleLoader loader = new RuleLoader(policy);
    List<Problem> problems = new ArrayList<>();
    List<RuleSkip> skipped = new ArrayList<>();
    List<Rule> all = new ArrayList<>();
    List<Path> files = RuleLoader.ruleFiles(dir);
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      byte[] bytes;
      List<Node> docs;
      try {
        bytes = Files.readAllBytes(f);
        docs = RuleLoader.compose(rel, bytes);
      } catch (UserException e) {
        refused(e, rel, 0, problems, skipped);
        continue;
      } catch (IOException e) {
        problems.add(new Problem(rel, 0, null, "cannot read rule file " + f + ": " + e.getMessage()));
        continue;
      }
      String sha = Sha256.of(bytes);
      for (Node doc : docs) {
        if (doc == null || YamlNodes.isNull(doc)) {
          continue;
        }
        List<RuleError> schemaErrors = schema.check(doc, rel);
        try {
          Rule r = loader.parseDocument(doc, rel, sha);
          RuleSkip byStatus = policy.skipUnsupported() ? RuleLoader.statusSkip(r) : null;
          if (byStatus != null) {
            skipped.add(byStatus);
            continue;
          }
          if (r instanceof DetectionRule d) {
            CompiledQueries.of(d);
          }
          schemaErrors.forEach(e -> problems.add(Problem.of(e, rel)));
          metadata(r).forEach(e -> problems.add(Problem.of(e, rel)));
          all.add(r);
        } catch (UserException e) {
          if (!policy.skipUnsupported()) {
            schemaErrors.forEach(s -> problems.add(Problem.of(s, rel)));
          }
          refused(e, rel, YamlNodes.line(doc), problems, skipped);
        }
      }
    }
    if (policy.skipUnsupported()) {
      all = RuleSet.withoutDanglingCorrelations(all, skipped);
    }
    try {
      new RuleSet(all);
    } catch (UserException e) {
      problems.add(Problem.of(e, null));
    }
    return new Report(files.size(), all.size(), problems, skipped);
  }

  /** A document that cannot be loaded: a skip under skip-unsupported, else a problem. */
  private void refused(UserException e, String rel, int line, List<Problem> problems, List<RuleSkip> skipped) {
    if (!policy.skipUnsupported()) {
      problems.add(Problem.of(e, rel));
    } else if (e instanceof RuleError r) {
      skipped.add(r.asSkip());
    } else {
      skipped.add(new RuleSkip(rel, line, null, e.getMessage()));
    }
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
