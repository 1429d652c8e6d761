package org.apiaudit.canary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings;

/**
 * The actors detection judged {@code scraping} or {@code credential-misuse}, keyed
 * {@code kind:value} ({@code principal:vacc-1042}, {@code ip:198.51.100.7}, {@code subnet:...},
 * {@code user_agent:...}); a cluster contributes each of its members. The same set the leak
 * correlation uses.
 */
public final class FlaggedActors {
  private static final FlaggedActors NONE = new FlaggedActors(Map.of());

  private final Map<String, String> verdicts;

  private FlaggedActors(Map<String, String> verdicts) {
    this.verdicts = Collections.unmodifiableMap(verdicts);
  }

  /** No flagged actor (no findings given). */
  public static FlaggedActors none() {
    return NONE;
  }

  /** The flagged actors of a findings file. */
  public static FlaggedActors of(CaseFindings findings) {
    Map<String, String> out = new LinkedHashMap<>();
    if (findings == null || findings.actors() == null) {
      return NONE;
    }
    for (CaseFindings.ActorFinding a : findings.actors()) {
      if (!"scraping".equals(a.verdict()) && !"credential-misuse".equals(a.verdict())) {
        continue;
      }
      out.putIfAbsent(a.kind() + ":" + a.value(), a.verdict());
      if (a.members() != null) {
        for (CaseFindings.ActorRef m : a.members()) {
          out.putIfAbsent(m.kind() + ":" + m.value(), a.verdict());
        }
      }
    }
    return new FlaggedActors(out);
  }

  /** From explicit {@code kind:value → verdict} pairs (tests, callers with their own judgement). */
  public static FlaggedActors of(Map<String, String> verdictByActor) {
    return new FlaggedActors(new LinkedHashMap<>(verdictByActor));
  }

  /** The verdict of {@code kind:value}, or null when not flagged. */
  public String verdict(String kind, String value) {
    return value == null ? null : verdicts.get(kind + ":" + value);
  }

  public boolean isEmpty() {
    return verdicts.isEmpty();
  }
}
