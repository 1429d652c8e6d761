package org.apiaudit.canary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apiaudit.output.Escaping;

/**
 * Renders a {@link CanaryResult} for the terminal: the conclusion, the live actors with the
 * delay distribution, then one line per probe and one indented line per event about its subject.
 * Times are IST (the case's local time); subjects are pseudonyms.
 */
public final class CanaryTextWriter {
  private static final DateTimeFormatter IST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.ofHoursMinutes(5, 30));

  /** The text for {@code result}, ending with a newline. */
  public String render(CanaryResult r) {
    StringBuilder b = new StringBuilder(4096);
    b.append("Canary test: ").append(r.probes().size()).append(r.probes().size() == 1 ? " probe" : " probes")
        .append(" from ").append(r.probesFile()).append(", window \u00b1").append(CanaryAnalyzer.duration(r.windowMillis()))
        .append('\n');
    b.append("Verdict: ").append(r.verdict()).append('\n').append(r.summary()).append('\n');
    b.append("Probes by verdict:");
    r.counts().forEach((k, v) -> b.append(' ').append(k).append(' ').append(v));
    b.append('\n');
    if (!r.liveActors().isEmpty()) {
      b.append("\nLive lookups by:\n");
      for (CanaryResult.LiveActor a : r.liveActors()) {
        b.append("  ").append(nz(a.actor())).append(" (").append(nz(a.authType())).append(") on ").append(a.probes())
            .append(a.probes() == 1 ? " probe" : " probes")
            .append(a.flagged() != null ? "; flagged " + nz(a.flagged()) : "; not flagged by detection").append('\n')
            .append("    ips: ").append(nz(String.join(", ", a.ips()))).append('\n')
            .append("    user agents: ").append(nz(String.join(" | ", a.userAgents()))).append('\n');
      }
    }
    if (r.delays() != null) {
      b.append("Delay after the query: min ").append(CanaryAnalyzer.seconds(r.delays().minMillis()))
          .append(", median ").append(CanaryAnalyzer.seconds(r.delays().medianMillis()))
          .append(", max ").append(CanaryAnalyzer.seconds(r.delays().maxMillis()))
          .append(" (").append(r.delays().probes()).append(r.delays().probes() == 1 ? " probe" : " probes").append(")\n");
    }
    b.append("\nProbes (times IST; coverage = events from anyone in the window / after the query):\n");
    for (CanaryResult.ProbeResult p : r.probes()) {
      b.append("  line ").append(p.line()).append("  ").append(ist(p.queriedAt())).append("  ").append(p.subject())
          .append(" (").append(p.kind()).append(")  ").append(p.verdict())
          .append("  coverage ").append(p.eventsInWindow()).append('/').append(p.eventsAfterQuery())
          .append("  accesses ever ").append(p.accessesAnyTime());
      if (p.liveActor() != null) {
        b.append("  first live lookup +").append(CanaryAnalyzer.seconds(p.firstLiveDelayMillis())).append(" by ")
            .append(nz(p.liveActor()));
      }
      if (p.note() != null) {
        b.append("  note: ").append(p.note());
      }
      b.append('\n');
      for (CanaryResult.ProbeEvent e : p.events()) {
        b.append("      ").append(e.delayMillis() >= 0 ? "+" : "-").append(CanaryAnalyzer.seconds(Math.abs(e.delayMillis())))
            .append("  ").append(nz(e.authType())).append(' ').append(nz(e.principal()))
            .append("  ").append(nz(e.ip())).append("  \"").append(nz(e.userAgent())).append("\"  ")
            .append(nz(e.endpoint())).append(' ').append(e.status() == null ? "-" : e.status().toString())
            .append(e.owner() ? "  [owner's OTP session]" : "").append(!e.access() ? "  [not an access]" : "")
            .append(e.flagged() != null ? "  [flagged " + nz(e.flagged()) + "]" : "")
            .append("  ").append(nz(e.file())).append(':').append(e.fileLine() == null ? "-" : e.fileLine().toString())
            .append('\n');
      }
    }
    if (!r.problems().isEmpty()) {
      b.append("\n").append(r.problems().size()).append(" probe row(s) could not be used:\n");
      for (ProbeProblem p : r.problems()) {
        b.append("  ").append(p).append('\n');
      }
    }
    return b.toString();
  }

  /** {@code 2023-06-07 22:41:07 IST}. */
  static String ist(long epochMillis) {
    return IST.format(Instant.ofEpochMilli(epochMillis)) + " IST";
  }

  /** A value from the logs, terminal-safe (control and bidi characters as visible escapes), or "-". */
  private static String nz(String s) {
    return s == null ? "-" : Escaping.terminal(s);
  }
}
