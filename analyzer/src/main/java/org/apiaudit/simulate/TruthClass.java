package org.apiaudit.simulate;

/**
 * The true class of an actor in the ground truth; the names are the verdicts of detections.md
 * so that a detection run can be scored against the labels directly.
 */
public enum TruthClass {
  SCRAPING("scraping"),
  CREDENTIAL_MISUSE("credential-misuse"),
  BENIGN_AUTOMATION("benign-automation"),
  /** A busy human look-alike (re-logging family, busy camp, carrier NAT): nothing to find. */
  NO_SIGN("no-sign");

  private final String label;

  TruthClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** True for the classes an investigation must report as an attack. */
  public boolean isAttack() {
    return this == SCRAPING || this == CREDENTIAL_MISUSE;
  }
}
