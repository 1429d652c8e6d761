package org.apiaudit.rules;

import org.apiaudit.UserException;

/**
 * A rule the analyzer refuses, with where and why kept apart from the one-line message, so a
 * skipped rule can be reported as file, line, rule and reason (findings.json) as well as printed.
 */
public final class RuleError extends UserException {
  private static final long serialVersionUID = 1L;
  private final transient RuleLocation location;
  private final String reason;

  RuleError(RuleLocation location, String message, String reason) {
    super(message);
    this.location = location;
    this.reason = reason;
  }

  public RuleLocation location() {
    return location;
  }

  /** The key and reason, without file, line and rule. */
  public String reason() {
    return reason;
  }

  /** This refusal as a skip. */
  RuleSkip asSkip() {
    return new RuleSkip(location.file(), location.line(), location.ruleId(), reason);
  }
}
