package org.apiaudit.rules;

/**
 * A rule document that was not loaded, and why: a deprecated or unsupported status (skipped by
 * default), or, under {@code --skip-unsupported}, a construct this analyzer cannot run exactly.
 *
 * @param file the rule file, relative to the rules folder
 * @param line where the document (or the refused construct) is, 0 when unknown
 * @param rule the rule's id or title, or null when the document could not be read that far
 * @param reason the refusal, as {@code rules lint} would print it
 */
public record RuleSkip(String file, int line, String rule, String reason) {
  @Override
  public String toString() {
    return (line > 0 ? file + ":" + line : file) + (rule == null ? "" : " (" + rule + ")") + ": " + reason;
  }
}
