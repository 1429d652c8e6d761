package org.apiaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apiaudit.detect.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyzer evaluate}: precision and recall of findings against ground-truth labels. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    header = "Score findings against a simulator's ground-truth labels.",
    description = {
      "Prints, per verdict class, precision and recall over the labelled actors, and lists "
          + "benign actors wrongly judged scraping or credential-misuse. Labels: the labels.json "
          + "'analyzer simulate' writes (apiaudit.simulate.labels/v1), whose actors[] entries carry "
          + "kind, value, class and scenario, e.g. "
          + "{\"actors\":[{\"kind\":\"ip\",\"value\":\"203.0.113.7\",\"class\":\"scraping\",\"scenario\":\"bola\"}]}"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no benign actor judged an incident", "2:unreadable input", "3:a benign actor was judged scraping or misuse"},
    footer = {"", "Examples:", "  analyzer evaluate --labels case/labels.json out/findings.json",
      "  analyzer evaluate --labels sample-logs/labels/incident-2023-06.json out/incident/findings.json"})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Ground-truth labels (JSON).")
  Path labels;

  @Parameters(paramLabel = "FINDINGS.json", description = "Findings written by 'analyzer detect --json'.")
  Path findings;

  @Override
  public Integer call() {
    Evaluator.Result r = new Evaluator().evaluate(labels, findings);
    var out = spec.commandLine().getOut();
    out.printf("%-20s %6s %6s %6s %9s %7s%n", "class", "tp", "pred", "true", "precision", "recall");
    for (Evaluator.ClassScore s : r.classes()) {
      out.printf(java.util.Locale.ROOT, "%-20s %6d %6d %6d %9.3f %7.3f%n", s.cls(), s.truePositives(), s.predicted(),
          s.actual(), s.precision(), s.recall());
    }
    out.printf("%d labelled actor(s); benign actors judged an incident: %d%n", r.labelled(), r.benignFlagged().size());
    for (String b : r.benignFlagged()) {
      out.println("  " + b);
    }
    out.flush();
    return r.benignFlagged().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }
}
