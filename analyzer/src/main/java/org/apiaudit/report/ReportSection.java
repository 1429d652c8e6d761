package org.apiaudit.report;

/**
 * The report's sections in the order every writer prints them. Numbers are generated from this
 * order, never written by hand, so a cross-reference ("see section 3") cannot point at the wrong
 * section when one is added or moved.
 */
public enum ReportSection {
  SUMMARY("Summary"),
  INCIDENT_CATEGORY("Incident category"),
  SCOPE("Scope and coverage"),
  HYPOTHESES("Hypotheses"),
  FINDINGS("Findings"),
  LEAK("Leak correlation"),
  BENIGN("Benign automation"),
  INDICATORS("Indicators"),
  RECOMMENDATIONS("Recommendations"),
  METHOD("Method and reproducibility");

  private final String title;

  ReportSection(String title) {
    this.title = title;
  }

  public int number() {
    return ordinal() + 1;
  }

  /** {@code 3. Scope and coverage}. */
  public String heading() {
    return number() + ". " + title;
  }

  /** {@code section 3}, for cross-references in the text. */
  public String ref() {
    return "section " + number();
  }
}
