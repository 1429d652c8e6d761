package org.apiaudit.canary;

/**
 * What the logs say about one probe. Decided on the part of the window after the query
 * ({@code [queried_at, queried_at + window]}), where a live lookup would show.
 */
public enum ProbeVerdict {
  /** A record access about the subject followed the query, from an actor other than the subject's own OTP session. */
  LIVE_LOOKUP("live-lookup"),
  /** Accesses followed the query, all from the subject's own OTP session (a citizen token confirmed for it). */
  OWNER_ONLY("owner-only"),
  /** The logs cover the window (other events are there) but nobody accessed the subject after the query. */
  NO_ACCESS("no-access"),
  /** No event at all from anyone after the query within the window: a gap in the logs, so nothing can be said. */
  NOT_COVERED("not-covered");

  private final String label;

  ProbeVerdict(String label) {
    this.label = label;
  }

  /** The verdict as written in every output: {@code live-lookup}, {@code owner-only}, ... */
  public String label() {
    return label;
  }
}
