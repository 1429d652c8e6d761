package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.rules.LoadPolicy;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import picocli.CommandLine.Option;

/**
 * How {@code detect}, {@code investigate} and {@code rules lint} treat rules they cannot run exactly: by default a
 * refused rule is an error (exit 2); {@code --skip-unsupported} loads what it can and reports the
 * rest, as Chainsaw, Hayabusa and sigma-cli do for other people's rule packs.
 */
public final class RuleLoadOptions {
  @Option(names = "--skip-unsupported",
      description = "Load the rules that can run and skip the others (unknown fields, modifiers, log sources...),"
          + " printing \"loaded N rules, skipped M\" with each reason (also in findings.json and the report's coverage).")
  boolean skipUnsupported;

  @Option(names = "--allow-proxy-rules",
      description = "Also run category: proxy rules. They describe outbound client traffic seen by a forward proxy;"
          + " on an inbound gateway or web server log they flag ordinary clients, so they are refused by default.")
  boolean allowProxyRules;

  public LoadPolicy policy() {
    return new LoadPolicy(skipUnsupported, allowProxyRules);
  }

  /** Loads {@code dir} under this policy; prints the load notice on {@code err} when a rule was skipped or skipping asked. */
  public RuleSet load(Path dir, PrintWriter err) {
    RuleSet rules = new RuleLoader(policy()).load(dir);
    printNotice(rules.loadNotice(), !rules.skipped().isEmpty(), err);
    return rules;
  }

  /** Prints a load notice ({@link RuleSet#loadNotice}) on {@code err} when a rule was skipped or skipping asked. */
  void printNotice(List<String> notice, boolean anySkipped, PrintWriter err) {
    if (skipUnsupported || anySkipped) {
      for (String line : notice) {
        err.println("analyzer: " + line);
      }
      err.flush();
    }
  }
}
