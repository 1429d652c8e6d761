package org.apiaudit.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiaudit.UserException;

/**
 * Scores findings against a simulator's ground truth: per verdict class, precision and recall
 * over actors ({@code kind:value}), plus the benign actors wrongly called scraping or misuse.
 *
 * <p>Labels format: the simulator's {@code apiaudit.simulate.labels/v1} ({@code schema},
 * {@code run}, {@code scenarios}, {@code actors}, {@code leak_sample}; only {@code actors} is
 * scored here), or any tolerant variant: {@code {"actors":[{"kind":"ip","value":"203.0.113.7",
 * "class":"scraping","scenario":"bola"}, ...]}}; {@code class} may also be spelled
 * {@code verdict} or {@code label}; an entry may give {@code "actor":"ip:203.0.113.7"} instead
 * of kind and value; classes {@code benign}, {@code normal} and {@code none} count as
 * {@code no-sign}; unknown keys are ignored. An actor absent from the findings was predicted
 * {@code no-sign}; a member of a {@code cluster} judged scraping or misuse is credited with the
 * cluster's verdict (the cluster is how an address or token of a distributed attack is named).
 */
public final class Evaluator {
  private static final Set<String> NEGATIVE = Set.of("benign", "normal", "none", "no-sign", "clean");

  /** Scores for one class. */
  public record ClassScore(String cls, int truePositives, int predicted, int actual, double precision, double recall) {}

  /** All scores, and the benign actors judged as an incident. */
  public record Result(List<ClassScore> classes, List<String> benignFlagged, int labelled) {}

  public Result evaluate(Path labels, Path findings) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> truth = readLabels(json, labels);
    Map<String, String> predicted;
    try {
      predicted = predictions(json.readTree(findings.toFile()));
    } catch (IOException e) {
      throw new UserException("cannot read findings " + findings + ": " + e.getMessage());
    }
    Set<String> classes = new TreeSet<>(truth.values());
    for (Map.Entry<String, String> p : predicted.entrySet()) {
      if (truth.containsKey(p.getKey())) {
        classes.add(p.getValue());
      }
    }
    List<ClassScore> scores = new ArrayList<>();
    for (String c : classes) {
      int tp = 0;
      int pred = 0;
      int actual = 0;
      for (Map.Entry<String, String> t : truth.entrySet()) {
        String got = predicted.getOrDefault(t.getKey(), "no-sign");
        if (got.equals(c)) {
          pred++;
        }
        if (t.getValue().equals(c)) {
          actual++;
          if (got.equals(c)) {
            tp++;
          }
        }
      }
      scores.add(new ClassScore(c, tp, pred, actual, pred == 0 ? 1.0 : (double) tp / pred,
          actual == 0 ? 1.0 : (double) tp / actual));
    }
    List<String> benignFlagged = new ArrayList<>();
    for (Map.Entry<String, String> t : truth.entrySet()) {
      String got = predicted.getOrDefault(t.getKey(), "no-sign");
      boolean benign = t.getValue().equals("no-sign") || t.getValue().equals("benign-automation");
      if (benign && (got.equals("scraping") || got.equals("credential-misuse"))) {
        benignFlagged.add(t.getKey() + " (" + got + ")");
      }
    }
    return new Result(scores, benignFlagged, truth.size());
  }

  /**
   * The verdict of every actor named in findings ({@code kind:value}): its own, or for a member
   * of a cluster judged scraping or misuse, the cluster's unless its own is an incident already.
   */
  static Map<String, String> predictions(JsonNode f) {
    Map<String, String> predicted = new HashMap<>();
    for (JsonNode a : f.path("actors")) {
      predicted.put(a.path("kind").asText() + ":" + a.path("value").asText(), a.path("verdict").asText());
    }
    for (JsonNode a : f.path("actors")) {
      String v = a.path("verdict").asText();
      Verdict verdict = Verdict.of(v);
      if (verdict == null || !verdict.isIncident()) {
        continue;
      }
      for (JsonNode m : a.path("members")) {
        String key = m.path("kind").asText() + ":" + m.path("value").asText();
        Verdict own = Verdict.of(predicted.getOrDefault(key, "no-sign"));
        if (own == null || !own.isIncident()) {
          predicted.put(key, v);
        }
      }
    }
    return predicted;
  }

  static Map<String, String> readLabels(ObjectMapper json, Path labels) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      JsonNode root = json.readTree(labels.toFile());
      JsonNode list = root.isArray() ? root : root.path("actors");
      for (JsonNode a : list) {
        String actor = a.hasNonNull("actor") ? a.get("actor").asText()
            : a.path("kind").asText() + ":" + a.path("value").asText();
        String cls = first(a, "class", "verdict", "label").toLowerCase(Locale.ROOT).replace('_', '-');
        if (actor.equals(":") || cls.isEmpty()) {
          continue;
        }
        out.put(actor, NEGATIVE.contains(cls) ? "no-sign" : cls);
      }
    } catch (IOException e) {
      throw new UserException("cannot read labels " + labels + ": " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new UserException("labels " + labels + " hold no actors (expected {\"actors\":[{\"kind\",\"value\",\"class\"}]})");
    }
    return out;
  }

  private static String first(JsonNode a, String... keys) {
    for (String k : keys) {
      if (a.hasNonNull(k)) {
        return a.get(k).asText();
      }
    }
    return "";
  }
}
