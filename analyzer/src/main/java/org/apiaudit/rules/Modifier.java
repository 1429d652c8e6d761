package org.apiaudit.rules;

import java.util.Locale;

/**
 * The Sigma value modifiers this engine understands ({@code field|contains|all: ...}).
 *
 * <p>Modifiers that need the raw event bytes ({@code base64}, {@code utf16le}, {@code windash},
 * {@code expand}, {@code fieldref}) are rejected at load time with the rule and key named,
 * never ignored: a skipped modifier would silently change what a rule matches.
 */
public enum Modifier {
  CONTAINS, STARTSWITH, ENDSWITH, ALL, RE, CIDR, GT, GTE, LT, LTE, EXISTS, CASED,
  /** Sub-modifiers of {@code re}: case-insensitive, multi-line, dot-all. */
  I, M, S;

  /** The modifier named {@code name}, or null when it is not supported. */
  public static Modifier of(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String sigmaName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
