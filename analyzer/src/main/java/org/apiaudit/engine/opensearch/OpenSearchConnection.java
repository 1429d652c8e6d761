package org.apiaudit.engine.opensearch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apiaudit.UserException;

/**
 * Where a cluster is and how to log in: a URL ({@code https://} when the cluster requires TLS;
 * certificates are checked against the JVM's trust store, {@code -Djavax.net.ssl.trustStore=}
 * for a private CA) and optional HTTP basic credentials.
 *
 * <p>Credentials never appear on the command line, where {@code ps} shows them: they come from a
 * file holding one {@code user:password} line, or from {@value #ENV_USER} and
 * {@value #ENV_PASSWORD}.
 *
 * @param url the cluster's HTTP address, e.g. {@code http://localhost:9200}
 * @param authorization the {@code Authorization} header value, or null for none
 */
public record OpenSearchConnection(URI url, String authorization) {
  /** Environment variable holding the user name, when no credentials file is given. */
  public static final String ENV_USER = "APIAUDIT_OPENSEARCH_USER";
  /** Environment variable holding the password. */
  public static final String ENV_PASSWORD = "APIAUDIT_OPENSEARCH_PASSWORD";

  /** A connection without credentials (a cluster with the security plugin off, or a test node). */
  public static OpenSearchConnection anonymous(URI url) {
    return new OpenSearchConnection(url, null);
  }

  /**
   * The connection for {@code url}, with credentials from {@code credentialsFile} when given,
   * else from the environment when set there.
   *
   * @throws UserException (exit 2) for a bad URL or an unreadable or malformed credentials file
   */
  public static OpenSearchConnection of(String url, Path credentialsFile, Map<String, String> env) {
    URI uri;
    try {
      uri = parseUrl(url);
    } catch (IllegalArgumentException e) {
      throw new UserException("--url " + e.getMessage());
    }
    if (credentialsFile != null) {
      return new OpenSearchConnection(uri, basic(readCredentials(credentialsFile)));
    }
    String user = env.get(ENV_USER);
    if (user != null && !user.isEmpty()) {
      return new OpenSearchConnection(uri, basic(user + ":" + env.getOrDefault(ENV_PASSWORD, "")));
    }
    return anonymous(uri);
  }

  /**
   * The cluster address in {@code url}, checked early (a config file is checked when it is read).
   *
   * @throws IllegalArgumentException saying what is wrong, for the caller to prefix with where
   *     the URL came from
   */
  public static URI parseUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(url + " is not a URL: " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("must be http://host:port or https://host:port; got: " + url);
    }
    return uri;
  }

  private static String readCredentials(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UserException("cannot read credentials file " + file + ": " + e.getMessage());
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || text.indexOf('\n') >= 0) {
      throw new UserException(file + ":1: a credentials file holds one line 'user:password'");
    }
    return text;
  }

  private static String basic(String userColonPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return url + (authorization == null ? "" : " (with credentials)");
  }
}
