package org.apiaudit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.evaluate.Evaluator;
import org.apiaudit.output.Escaping;
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
          + "{\"actors\":[{\"kind\":\"ip\",\"value\":\"203.0.113.7\",\"class\":\"scraping\",\"scenario\":\"bola\"}]}",
      "",
      "When the labels carry the simulator's evidence truth (scenarios' activity, attacker and "
          + "subjects_returned, and benign), it also scores the report's facts in the findings' "
          + "incidents[], per attack scenario and overall: incidents matched to each attack (by "
          + "their actors), false indicators (used by benign traffic, or by no attacker; a subnet "
          + "holding a benign address or no attacker address), indicator recall (attacker "
          + "addresses and user agents benign traffic never used, named by an indicator), "
          + "records error (|subjectsAffected - subjects_returned| / subjects_returned), window "
          + "recall (share of the attack's requests inside the incidents' windows), window "
          + "precision (share of window time within the attack's activity +/- 30 min) and the "
          + "share of evidence lines inside their incident's windows. A clean case should show "
          + "no incident and no indicator."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no benign actor judged an incident, no false indicator", "2:unreadable input",
        "3:a benign actor was judged scraping or misuse, or an incident names a false indicator"},
    footer = {"", "Examples:", "  analyzer evaluate --labels case/labels.json out/findings.json",
      "  analyzer evaluate --labels labels/incident-2023-06.json out/findings.json",
      "  analyzer evaluate --labels case/labels.json out/findings.json --json"})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Ground-truth labels (JSON).")
  Path labels;

  @Parameters(paramLabel = "FINDINGS.json", description = "Findings written by 'analyzer detect --json'.")
  Path findings;

  @Option(names = "--json", description = "Print the scores as one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    Evaluator.Result r = new Evaluator().evaluate(labels, findings);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(r));
    } else {
      printText(r, out);
    }
    out.flush();
    boolean falseIndicators = r.evidence() != null && !r.evidence().falseIndicators().isEmpty();
    return r.benignFlagged().isEmpty() && !falseIndicators ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  static String toJson(Evaluator.Result r) throws JsonProcessingException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.valueToTree(r);
    Evaluator.Evidence e = r.evidence();
    if (e != null) {
      ObjectNode ev = (ObjectNode) root.get("evidence");
      ev.put("recordsErrorMax", e.recordsErrorMax());
      ev.put("incidentsPerAttackMin", e.incidentsPerAttackMin());
      ev.put("incidentsPerAttackMax", e.incidentsPerAttackMax());
      ev.put("windowRecallMin", e.windowRecallMin());
      ev.put("windowPrecisionMin", e.windowPrecisionMin());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void printText(Evaluator.Result r, PrintWriter out) {
    out.printf("%-20s %6s %6s %6s %9s %7s%n", "class", "tp", "pred", "true", "precision", "recall");
    for (Evaluator.ClassScore s : r.classes()) {
      out.printf(Locale.ROOT, "%-20s %6d %6d %6d %9.3f %7.3f%n", s.cls(), s.truePositives(), s.predicted(),
          s.actual(), s.precision(), s.recall());
    }
    out.printf("%d labelled actor(s); benign actors judged an incident: %d%n", r.labelled(), r.benignFlagged().size());
    for (String b : r.benignFlagged()) {
      out.println("  " + b);
    }
    Evaluator.Evidence e = r.evidence();
    if (e == null) {
      return;
    }
    out.println();
    out.println("Evidence (incidents[] against the labels' truth):");
    if (!e.incidentsReported()) {
      out.println("  the findings have no incidents[] (schema version 1): scored as if none were reported");
    }
    if (e.clean()) {
      out.printf(Locale.ROOT, "clean case: %d incident(s), %d indicator(s) (both should be 0)%n", e.incidents().size(),
          e.indicators().size());
    } else {
      out.printf("%-18s %9s %10s %5s %10s %8s %8s %7s %10s %8s %7s%n", "scenario", "incidents", "indicators",
          "false", "ind.recall", "returned", "affected", "rec.err", "win.recall", "win.prec", "evid.in");
      for (Evaluator.ScenarioEvidence s : e.scenarios()) {
        out.printf(Locale.ROOT, "%-18s %9d %10d %5d %10.3f %8d %8d %7.3f %10.3f %8.3f %7.3f%n", s.scenario(),
            s.incidents().size(), s.indicators().size(), s.falseIndicators().size(), s.indicatorRecall(),
            s.subjectsReturned(), s.subjectsAffected(), s.recordsError(), s.windowRecall(), s.windowPrecision(),
            s.evidenceInsideShare());
      }
      out.printf(Locale.ROOT, "overall: %d incident(s), %d matched to no attack; %d indicator(s), %d false; "
          + "indicator recall %.3f (%d of %d); records error max %.3f; incidents per attack %d-%d; "
          + "window recall min %.3f; window precision min %.3f; evidence lines inside windows %.3f (%d of %d)%n",
          e.incidents().size(), e.unmatchedIncidents().size(), e.indicators().size(), e.falseIndicators().size(),
          e.indicatorRecall(), e.attackerIndicators() - e.indicatorsMissed().size(), e.attackerIndicators(),
          e.recordsErrorMax(), e.incidentsPerAttackMin(), e.incidentsPerAttackMax(), e.windowRecallMin(),
          e.windowPrecisionMin(), e.evidenceInsideShare(), e.evidenceInside(), e.evidenceLines());
    }
    list(out, "false indicator", e.falseIndicators());
    list(out, "attacker indicator not reported", e.indicatorsMissed());
    list(out, "incident matched to no attack", e.unmatchedIncidents());
  }

  private static void list(PrintWriter out, String what, List<String> values) {
    int shown = Math.min(values.size(), 20);
    for (int i = 0; i < shown; i++) {
      out.println("  " + what + ": " + Escaping.terminal(values.get(i)));
    }
    if (values.size() > shown) {
      out.println("  ... " + (values.size() - shown) + " more " + what + "(s)");
    }
  }
}
