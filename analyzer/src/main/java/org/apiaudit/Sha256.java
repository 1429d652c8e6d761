package org.apiaudit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as every part of the analyzer writes it: lower-case hex. Input files, rule files,
 * report files and the evidence digest are all named by it, so one spelling keeps the digests
 * in the manifest, the index and the report comparable.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest, for content read piece by piece. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Hex of what {@code digest} has seen (which resets it). */
  public static String finish(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** Hex SHA-256 of the bytes of {@code file} as stored (a .gz file's compressed bytes). */
  public static String of(Path file) throws IOException {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return finish(md);
  }
}
