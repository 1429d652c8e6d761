package org.apiaudit.report;

import java.util.Map;

/**
 * What the report says about the run that produced it (sections 1 and 11).
 *
 * @param caseName the case's name, as the investigator calls it
 * @param commandLine the command line, as typed (secrets never appear on it: the case key is
 *     read from a file or the environment)
 * @param startedAt when the run started, epoch ms: the "time of detection"
 * @param classification the TLP label
 * @param ruleSetVersion the rule set's version, or null to use the latest rule date
 * @param ruleSetDigest SHA-256 of the rule set, or null to derive it from the rules' digests
 * @param parameters run parameters worth citing (window, thresholds overridden), in order
 */
public record RunInfo(
    String caseName,
    String commandLine,
    long startedAt,
    Classification classification,
    String ruleSetVersion,
    String ruleSetDigest,
    Map<String, String> parameters) {

  public RunInfo {
    if (caseName == null || caseName.isBlank()) {
      throw new IllegalArgumentException("caseName must not be blank; got: " + caseName);
    }
    classification = classification == null ? Classification.DEFAULT : classification;
    parameters = parameters == null ? Map.of() : parameters;
    commandLine = commandLine == null ? "" : commandLine;
  }
}
