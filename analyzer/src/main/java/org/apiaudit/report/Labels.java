package org.apiaudit.report;

import java.util.Locale;
import org.apiaudit.detect.findings.CaseFindings.RuleHit;

/**
 * The words and numbers every rendering shares, so that HTML, Markdown and JSON say the same
 * thing: verdict labels, their severity (which picks the badge colour), counts with thousands
 * separators, percentages and rule comparisons.
 */
public final class Labels {
  private Labels() {}

  /** How alarming a verdict is; the HTML badge colour and sort order follow it. */
  public enum Severity {
    /** Scraping or credential misuse evidenced. */
    CRITICAL,
    /** Signals without a conclusion. */
    WARNING,
    /** Explained automation: busy, but not scraping. */
    INFO,
    /** Nothing found. */
    CLEAR;

    /** Lower-case name, used as a CSS class. */
    public String cssClass() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Severity of an actor verdict or a case verdict from the findings contract. */
  public static Severity severity(String verdict) {
    if (verdict == null) {
      return Severity.WARNING;
    }
    return switch (verdict) {
      case "scraping", "credential-misuse", "direct-api-scraping-evidenced", "credential-misuse-evidenced",
          "supported" -> Severity.CRITICAL;
      case "benign-automation" -> Severity.INFO;
      case "no-sign", "no-sign-of-direct-api-scraping", "refuted" -> Severity.CLEAR;
      default -> Severity.WARNING;
    };
  }

  /** Whether an actor verdict makes the actor "flagged" (a finding, indicators, containment). */
  public static boolean isFlagged(String actorVerdict) {
    return "scraping".equals(actorVerdict) || "credential-misuse".equals(actorVerdict)
        || "suspicious".equals(actorVerdict);
  }

  /** A verdict for a human: {@code direct-api-scraping-evidenced} → "Direct API scraping evidenced". */
  public static String verdict(String verdict) {
    if (verdict == null || verdict.isEmpty()) {
      return "—";
    }
    String words = verdict.replace('-', ' ').replace(" api ", " API ");
    if (words.startsWith("api ")) {
      words = "API " + words.substring(4);
    }
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A 0..1 confidence as a whole percentage: {@code 92%}. */
  public static String percent(double ratio) {
    return Math.round(ratio * 100) + "%";
  }

  /** A measured value or threshold: whole numbers without decimals, others with up to three. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return count((long) v);
    }
    return String.format(Locale.ROOT, "%,.3f", v).replaceAll("0+$", "");
  }

  /** {@code 4,812 > 50}: a rule's measured value against its threshold. */
  public static String comparison(RuleHit hit) {
    return number(hit.measured()) + " " + threshold(hit);
  }

  /** {@code > 50}: a rule's threshold with its comparison. */
  public static String threshold(RuleHit hit) {
    String op = switch (hit.comparison() == null ? "" : hit.comparison()) {
      case "gt" -> ">";
      case "gte" -> "≥";
      case "lt" -> "<";
      case "lte" -> "≤";
      case "eq" -> "=";
      default -> "vs";
    };
    return op + " " + number(hit.threshold());
  }

  /** An actor as {@code kind:value}, the form hypotheses and leak correlation use. */
  public static String actorKey(String kind, String value) {
    return kind + ":" + value;
  }

  /** An actor kind for a human: {@code user_agent} → "user agent". */
  public static String kind(String kind) {
    return kind == null ? "" : kind.replace('_', ' ');
  }

  /** A byte count: {@code 1.4 MB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
