package org.apiaudit.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.apiaudit.UserException;

/**
 * The secret a browser must present when the server listens beyond this machine: the index holds
 * a case's traffic, so anyone who can reach a non-loopback port must prove they were given the
 * link. Compared in constant time.
 */
public final class AccessToken {
  /** Shortest token accepted from a file: 128 bits written as text. */
  static final int MIN_CHARS = 22;

  private final byte[] value;

  private AccessToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /** A new random token of 256 bits, URL-safe. */
  public static AccessToken generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token in {@code file} (its first line, trimmed). */
  public static AccessToken read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UserException("cannot read token file " + file + ": " + e.getMessage());
    }
    int nl = text.indexOf('\n');
    String token = nl < 0 ? text : text.substring(0, nl).strip();
    if (token.length() < MIN_CHARS || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new UserException("token file " + file + " must hold one token of at least " + MIN_CHARS
          + " printable characters on its first line");
    }
    return new AccessToken(token);
  }

  /**
   * Refuses to listen on {@code bind} without a token unless it is a loopback address: the
   * default keeps a case on the investigator's machine.
   */
  public static void requireForBind(InetAddress bind, AccessToken token) {
    if (token == null && !bind.isLoopbackAddress()) {
      throw new UserException("refusing to listen on " + bind.getHostAddress() + " without an access token: anyone"
          + " who can reach it could read the case; give --token-file FILE or --generate-token, or bind to 127.0.0.1");
    }
  }

  /** The token as text, to print the link once at start. */
  public String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** Whether {@code presented} is this token (constant time; null is not). */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
  }
}
