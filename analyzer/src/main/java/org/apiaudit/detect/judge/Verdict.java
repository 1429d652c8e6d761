package org.apiaudit.detect.judge;

import java.util.Locale;

/**
 * Per-actor verdicts (detections.md), most severe first. A rule says which verdict it argues
 * for in {@code x-apiaudit.verdict} and how strongly in {@code x-apiaudit.weight}
 * ({@code strong} or {@code supporting}); rules without them (e.g. imported SigmaHQ rules)
 * argue for {@code suspicious}, supporting.
 */
public enum Verdict {
  SCRAPING, CREDENTIAL_MISUSE, SUSPICIOUS, BENIGN_AUTOMATION, NO_SIGN;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Verdict of(String label) {
    for (Verdict v : values()) {
      if (v.label().equals(label)) {
        return v;
      }
    }
    return null;
  }

  /** Whether this verdict means records were taken (H1 or H2). */
  public boolean isIncident() {
    return this == SCRAPING || this == CREDENTIAL_MISUSE;
  }
}
