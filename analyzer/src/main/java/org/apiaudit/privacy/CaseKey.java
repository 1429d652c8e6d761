package org.apiaudit.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apiaudit.UserException;

/**
 * The secret key of a case, from which all pseudonyms are derived.
 *
 * <p>It lives in a file outside the index, so that a copy of the index alone cannot be turned
 * back into phone numbers by hashing every possible number. Whoever holds the key can
 * pseudonymise a clear identifier to search for it; nobody can reverse a pseudonym.
 */
public final class CaseKey {
  /** Environment variable naming the key file when no option is given. */
  public static final String ENV_VAR = "ANALYZER_KEY_FILE";

  private static final int KEY_BYTES = 32;

  /**
   * The key file to use: {@code given} (an option), else {@code $ANALYZER_KEY_FILE}, else
   * {@link #defaultFileFor(Path) the index's own}. Every command and service resolves it here.
   */
  public static Path resolve(Path given, Path index) {
    if (given != null) {
      return given;
    }
    String env = System.getenv(ENV_VAR);
    return env != null && !env.isBlank() ? Path.of(env) : defaultFileFor(index);
  }

  /** {@code <index>.key}, beside (never inside) the index folder, so a copy of the index alone reveals nothing. */
  public static Path defaultFileFor(Path index) {
    Path abs = index.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".key");
  }

  private final byte[] secret;
  private final Path file;

  private CaseKey(byte[] secret, Path file) {
    this.secret = secret;
    this.file = file;
  }

  /** A key held in memory only (tests, benchmarks). */
  public static CaseKey of(byte[] secret) {
    return new CaseKey(secret.clone(), null);
  }

  /**
   * Loads the key from {@code file}, or creates it there (owner-only permissions) when it does
   * not exist yet, telling the user through {@code notice}.
   */
  public static CaseKey loadOrCreate(Path file, java.util.function.Consumer<String> notice) {
    if (Files.exists(file)) {
      return load(file);
    }
    byte[] secret = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(secret);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the file inherits its folder's ACL; nothing portable to tighten here.
      }
      Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException raced) {
      return load(file);
    } catch (IOException e) {
      throw new UserException("cannot create key file " + file + ": " + e.getMessage());
    }
    notice.accept("created a new case key in " + file
        + " (owner-only); keep it with the case: without it, clear identifiers cannot be searched");
    return new CaseKey(secret, file);
  }

  /** Loads an existing key file. */
  public static CaseKey load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UserException("cannot read key file " + file + ": " + e.getMessage());
    }
    try {
      byte[] secret = HexFormat.of().parseHex(text);
      if (secret.length < 16) {
        throw new IllegalArgumentException("too short");
      }
      return new CaseKey(secret, file);
    } catch (IllegalArgumentException e) {
      throw new UserException("key file " + file
          + " must hold at least 32 hex digits on one line; got " + text.length() + " characters");
    }
  }

  byte[] secret() {
    return secret;
  }

  /** Where the key was loaded from, or null for an in-memory key. */
  public Path file() {
    return file;
  }

  /**
   * A fingerprint of the key, safe to store in the index: it tells whether a later run uses the
   * same key without revealing it.
   */
  public String fingerprint() {
    return new Pseudonymizer(this).keyed("key-fingerprint", "v1").substring(0, 16);
  }
}
