package org.apiaudit.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiaudit.cli.AnalyzerCommand;
import org.apiaudit.evaluate.Evaluator;
import org.apiaudit.privacy.CaseKey;
import picocli.CommandLine;

/**
 * One case run in process: (simulate →) ingest → detect, then the findings compared with the
 * labels: per actor, the ground-truth class against the verdict (own, or its cluster's).
 */
final class SimulatedCase {
  final Path logs;
  final Path labelsFile;
  final JsonNode labels;
  final JsonNode findings;
  final Map<String, String> predicted;
  final Path keyFile;

  private SimulatedCase(Path logs, Path labelsFile, Path findingsFile, Path keyFile) throws IOException {
    ObjectMapper json = new ObjectMapper();
    this.logs = logs;
    this.labelsFile = labelsFile;
    this.labels = json.readTree(labelsFile.toFile());
    this.findings = json.readTree(findingsFile.toFile());
    this.predicted = Evaluator.predictions(findings);
    this.keyFile = keyFile;
  }

  /** Simulates into {@code dir}/logs with the given simulate arguments, then ingests and detects. */
  static SimulatedCase simulate(Path dir, String... simulateArgs) throws IOException {
    Path logs = dir.resolve("logs");
    List<String> args = new ArrayList<>(List.of("simulate", "--out", logs.toString()));
    args.addAll(List.of(simulateArgs));
    run(args.toArray(new String[0]));
    return ingestAndDetect(dir, logs, logs.resolve("labels.json"));
  }

  /** Ingests {@code logs} into {@code dir}, detects with the repository's rules and the leak sample. */
  static SimulatedCase ingestAndDetect(Path dir, Path logs, Path labels) throws IOException {
    Path index = dir.resolve("index");
    Path findings = dir.resolve("findings.json");
    run("ingest", logs.toString(), "-i", index.toString());
    run("detect", "--index", index.toString(), "--rules", RulePackTest.rulesDir().toString(), "--json",
        findings.toString(), "--leak-sample", logs.resolve("leak-sample.txt").toString());
    return new SimulatedCase(logs, labels, findings, index.resolveSibling("index.key"));
  }

  private static void run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AnalyzerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    if (code != 0 && code != 3) {
      throw new AssertionError("analyzer " + String.join(" ", args) + " exited " + code + ": " + err + out);
    }
  }

  /** The evidence scores of the findings' incidents against the labels' truth. */
  Evaluator.Evidence evidence() {
    return Evaluator.evidence(labels, findings);
  }

  String conclusion() {
    return findings.path("conclusion").path("verdict").asText();
  }

  String predicted(String kindValue) {
    return predicted.getOrDefault(kindValue, "no-sign");
  }

  /** Labelled actors of a scenario (null: all), as kind:value → class. */
  Map<String, String> labelled(String scenario) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode a : labels.path("actors")) {
      if (scenario == null || scenario.equals(a.path("scenario").asText())) {
        out.put(a.path("kind").asText() + ":" + a.path("value").asText(), a.path("class").asText());
      }
    }
    return out;
  }

  /** Attack actors whose verdict is not their class: "kind:value (class → got)". */
  List<String> missedAttackers() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : labelled(null).entrySet()) {
      boolean attack = e.getValue().equals("scraping") || e.getValue().equals("credential-misuse");
      if (attack && !predicted(e.getKey()).equals(e.getValue())) {
        out.add(e.getKey() + " (" + e.getValue() + " -> " + predicted(e.getKey()) + ")");
      }
    }
    return out;
  }

  /** Benign actors judged scraping or credential misuse. */
  List<String> benignFlagged() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : labelled(null).entrySet()) {
      boolean attack = e.getValue().equals("scraping") || e.getValue().equals("credential-misuse");
      String got = predicted(e.getKey());
      if (!attack && (got.equals("scraping") || got.equals("credential-misuse"))) {
        out.add(e.getKey() + " (" + e.getValue() + " -> " + got + ")");
      }
    }
    return out;
  }

  /**
   * Leak correlation against {@code leak_sample.accessed_by_attacker}: the sample's numbers listed
   * there but not reported {@code flagged-actor}, and those reported so but not listed. Empty
   * when the analyzer ties exactly the listed numbers to flagged actors.
   */
  List<String> leakMismatches() throws IOException {
    Path listed = Files.createTempFile("leak-truth", ".txt");
    Path sample = logs.resolve("leak-sample.txt");
    try {
      List<String> truth = new ArrayList<>();
      for (JsonNode m : labels.path("leak_sample").path("accessed_by_attacker")) {
        truth.add(m.asText());
      }
      Files.write(listed, truth);
      CaseKey key = CaseKey.load(keyFile);
      Set<String> attacked = new HashSet<>(DetectionService.pseudonymise(listed, key));
      List<String> all = DetectionService.pseudonymise(sample, key);
      Map<String, String> status = new LinkedHashMap<>();
      for (JsonNode s : findings.path("leak").path("subjects")) {
        status.put(s.path("pseudonym").asText(), s.path("status").asText());
      }
      List<String> out = new ArrayList<>();
      for (String p : all) {
        boolean flagged = "flagged-actor".equals(status.get(p));
        if (attacked.contains(p) != flagged) {
          out.add(p + (flagged ? " reported flagged, not accessed by an attacker" : " accessed by an attacker, reported "
              + status.get(p)));
        }
      }
      return out;
    } finally {
      Files.deleteIfExists(listed);
    }
  }
}
