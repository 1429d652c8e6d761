package org.apiaudit.rules;

/**
 * Where a rule construct was written: file, line and the rule id, so that every rule error
 * points the author at the exact spot ({@code rules/x.yml:12: rule 5513...: detection.keywords: ...}).
 *
 * @param file the rule file, relative to the rules folder
 * @param line 1-based line, or 0 when unknown
 * @param ruleId the rule's id, or null before it is known
 */
public record RuleLocation(String file, int line, String ruleId) {
  /** The same place with another line. */
  public RuleLocation at(int newLine) {
    return new RuleLocation(file, newLine, ruleId);
  }

  public RuleLocation withRule(String id) {
    return new RuleLocation(file, line, id);
  }

  /** A user error at this place about {@code key}: "file:line: rule ID: key: reason". */
  public RuleError error(String key, String reason) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (ruleId != null) {
      sb.append("rule ").append(ruleId).append(": ");
    }
    String why = key != null ? key + ": " + reason : reason;
    return new RuleError(this, sb.append(why).toString(), why);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
