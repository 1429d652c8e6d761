package org.apiaudit.rules;

import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalField;
import java.util.Locale;

/**
 * The Sigma value modifiers this engine understands ({@code field|contains|all: ...}), spelled
 * exactly as the specification does (lower case: {@code CONTAINS} is not a modifier).
 *
 * <p>Modifiers that need transformations of raw event bytes we do not have ({@code base64},
 * {@code utf16le}, {@code windash}, {@code expand}) are rejected at load time with the rule and
 * key named, never ignored: a skipped modifier would silently change what a rule matches.
 */
public enum Modifier {
  CONTAINS, STARTSWITH, ENDSWITH, ALL, RE, CIDR, GT, GTE, LT, LTE, EXISTS, CASED,
  /** The field differs from the values (absent counts as different). */
  NEQ,
  /** The value names another field whose value must be equal. */
  FIELDREF,
  /** With {@code contains}: the value base64-encoded at each of the three byte offsets. */
  BASE64OFFSET,
  /** Sub-modifiers of {@code re} only: case-insensitive, multi-line, dot-all. */
  I, M, S,
  /** Sigma v2.1 time modifiers: a part of a timestamp, in UTC. */
  MINUTE, HOUR, DAY, WEEK, MONTH, YEAR;

  /** The modifier named exactly {@code name}, or null when Sigma has no such modifier here. */
  public static Modifier of(String name) {
    for (Modifier m : values()) {
      if (m.sigmaName().equals(name)) {
        return m;
      }
    }
    return null;
  }

  public String sigmaName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is a sub-modifier that only follows {@code re}. */
  public boolean isRegexFlag() {
    return this == I || this == M || this == S;
  }

  /** For a time modifier, the part of the timestamp it takes; else null. */
  public TemporalField timePart() {
    switch (this) {
      case MINUTE: return ChronoField.MINUTE_OF_HOUR;
      case HOUR: return ChronoField.HOUR_OF_DAY;
      case DAY: return ChronoField.DAY_OF_MONTH;
      case WEEK: return IsoFields.WEEK_OF_WEEK_BASED_YEAR;
      case MONTH: return ChronoField.MONTH_OF_YEAR;
      case YEAR: return ChronoField.YEAR;
      default: return null;
    }
  }
}
