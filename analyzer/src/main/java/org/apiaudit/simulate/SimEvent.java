package org.apiaudit.simulate;

/**
 * One gateway request being generated. A single instance is reused for every event: actors fill
 * it, a formatter writes it, and {@link #clear()} resets it, so the hot loop allocates nothing.
 *
 * <p>Identifiers that vary per request (query string) live in a reused {@link AsciiBuffer};
 * identifiers that belong to an actor (principal, user agent) are references to the actor's
 * pre-encoded bytes.
 */
final class SimEvent {
  /** Marks an absent subject; real subjects are positive numbers (mobile, reference id). */
  static final long NO_SUBJECT = -1;

  long epochMillis;
  long requestSeq;
  int clientIp;
  /** X-Forwarded-For as an IPv4 int, 0 when the header was absent. */
  int forwardedFor;
  Endpoint endpoint;
  /** Appended to the path of {@link Endpoint#DISTRICTS}; -1 otherwise. */
  int pathId = -1;
  /** Without the '?'; empty when the request had no query string. */
  final AsciiBuffer query = new AsciiBuffer(96);
  int status;
  long bytes;
  int latencyMillis;
  UserAgent userAgent;
  byte[] referrer;
  WafAction waf = WafAction.ALLOW;
  AuthType authType = AuthType.NONE;
  byte[] principal;
  byte[] facility;
  int district;
  long subject = NO_SUBJECT;

  void clear() {
    forwardedFor = 0;
    pathId = -1;
    query.clear();
    referrer = null;
    waf = WafAction.ALLOW;
    authType = AuthType.NONE;
    principal = null;
    facility = null;
    district = 0;
    subject = NO_SUBJECT;
  }
}
