package org.apiaudit.rules;

import java.util.List;
import java.util.Map;

/**
 * The descriptive part of a rule, common to detection and correlation rules.
 *
 * @param id the rule's UUID
 * @param name the optional Sigma {@code name} (correlations may reference rules by it)
 * @param title one-line title
 * @param status Sigma status (stable, test, experimental...)
 * @param description what it detects and why it matters
 * @param level informational, low, medium, high or critical
 * @param tags Sigma tags
 * @param references links (OWASP API Top 10, OAT, ATT&CK)
 * @param falsepositives when the rule is wrong
 * @param modified the {@code modified} or {@code date} field
 * @param file the rule file relative to the rules folder
 * @param sha256 digest of that file
 * @param location where the rule document starts
 * @param extension the rule's {@code x-apiaudit} block as plain values (empty when absent)
 */
public record RuleMeta(
    String id,
    String name,
    String title,
    String status,
    String description,
    String level,
    List<String> tags,
    List<String> references,
    List<String> falsepositives,
    String modified,
    String file,
    String sha256,
    RuleLocation location,
    Map<String, Object> extension) {
  public RuleMeta {
    tags = List.copyOf(tags);
    references = List.copyOf(references);
    falsepositives = List.copyOf(falsepositives);
    extension = Map.copyOf(extension);
  }

  /** The Sigma levels in increasing severity. */
  public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

  /** Severity rank of a level (0 informational .. 4 critical), -1 when unknown. */
  public static int rank(String level) {
    return LEVELS.indexOf(level);
  }

  /** A string entry of the {@code x-apiaudit} block, or {@code fallback}. */
  public String ext(String key, String fallback) {
    Object v = extension.get(key);
    return v == null ? fallback : v.toString();
  }
}
