package org.apiaudit.serve;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The settings of one server, checked by {@link AuditServer#start}.
 *
 * @param index the index folder (opened read-only)
 * @param keyFile the case key, used only by "find person" (null: that box answers that no key was given)
 * @param findings findings.json, or null for the one beside the index
 * @param bind the address to listen on (loopback unless a token is set)
 * @param port the port (0: any free port)
 * @param token the access token, or null (loopback only)
 * @param zone the case's time zone, for times shown and histogram buckets
 * @param timeout how long one request may search before it is stopped
 */
public record ServeConfig(Path index, Path keyFile, Path findings, InetAddress bind, int port, AccessToken token,
    ZoneId zone, Duration timeout) {
  /** Port used when {@code --port} is not given. */
  public static final int DEFAULT_PORT = 8080;
  /** Longest a request searches: a question answered later than this is better narrowed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
