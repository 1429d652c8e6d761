package org.apiaudit.detect.judge;

import java.util.List;
import java.util.Map;
import org.apiaudit.detect.findings.CaseFindings;

/**
 * What an actor did in the window, measured in a second, targeted pass over its own events.
 *
 * @param authTypes requests per {@code auth.type}
 * @param recordEvents requests to record-returning endpoints
 */
public record ActorProfile(
    long first,
    long last,
    long requests,
    long distinctSubjects,
    long recordEvents,
    Map<String, Long> endpoints,
    Map<String, Long> statuses,
    Map<String, Long> authTypes,
    List<String> ips,
    List<String> userAgents,
    List<CaseFindings.Evidence> evidence) {
  /** The most frequent auth.type, or "none". */
  String mainAuthType() {
    return authTypes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("none");
  }
}
