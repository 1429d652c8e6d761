package org.apiaudit.simulate;

import java.util.Locale;

/**
 * The bot behind a canary test ({@code --canary}): investigators type probes into it, and it
 * either looks each one up through the API seconds later or answers from an offline copy.
 */
public enum CanaryMode {
  /** The bot's backend calls the vaccinator search for each probe 2-8 s after it was typed. */
  LIVE,
  /** The bot answers from a copy stolen earlier: no call about any probe. */
  OFFLINE;

  /** The command-line name: {@code live} or {@code offline}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code live} or {@code offline}; the error lists both. */
  public static CanaryMode fromCliName(String name) {
    for (CanaryMode m : values()) {
      if (m.cliName().equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("--canary must be live or offline; got: " + name);
  }
}
