package org.apiaudit.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apiaudit.UserException;

/**
 * The Traffic Light Protocol label a report carries, and the STIX 2.1 marking-definition that
 * says the same thing in a shared bundle.
 *
 * <p>TLP 2.0 levels use the marking-definition ids OASIS published with the TLP 2.0 extension
 * ({@code oasis-open/cti-stix-common-objects}, {@code extension-definition-specifications/tlp-2.0}).
 * STIX 2.1 itself predefines only the TLP 1.0 markings, so a consumer may not know the 2.0 ones:
 * the bundle therefore carries the marking-definition object itself (see
 * {@link StixBundleWriter}). The default is {@link #TLP_AMBER_STRICT}: the report names
 * internal accounts and must not leave the receiving organisation without the source's consent.
 */
public enum Classification {
  TLP_CLEAR("TLP:CLEAR", "clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
  TLP_GREEN("TLP:GREEN", "green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
  TLP_AMBER("TLP:AMBER", "amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
  TLP_AMBER_STRICT("TLP:AMBER+STRICT", "amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
  TLP_RED("TLP:RED", "red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  /** The default for an initial incident report. */
  public static final Classification DEFAULT = TLP_AMBER_STRICT;

  /** The OASIS TLP 2.0 property extension the marking-definitions use. */
  public static final String TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  /** The {@code created} time OASIS published the TLP 2.0 marking-definitions with. */
  public static final String TLP2_CREATED = "2022-10-01T00:00:00.000Z";

  private final String label;
  private final String tlp2Value;
  private final String stixMarkingId;

  Classification(String label, String tlp2Value, String stixMarkingId) {
    this.label = label;
    this.tlp2Value = tlp2Value;
    this.stixMarkingId = stixMarkingId;
  }

  /** {@code TLP:AMBER+STRICT}, as printed on every page and written in JSON. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The {@code tlp_2_0} value of the OASIS extension: {@code amber+strict}. */
  public String tlp2Value() {
    return tlp2Value;
  }

  /** The published STIX marking-definition id. */
  public String stixMarkingId() {
    return stixMarkingId;
  }

  /**
   * Parses {@code TLP:AMBER}, {@code amber}, {@code TLP:AMBER+STRICT}, {@code amber-strict} or
   * {@code TLP:WHITE} (TLP 1.0's name for CLEAR), case-insensitively.
   */
  public static Classification parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('_', '+').replace('-', '+');
    if (t.startsWith("TLP:")) {
      t = t.substring(4);
    }
    if (t.equals("WHITE")) {
      return TLP_CLEAR;
    }
    for (Classification c : values()) {
      if (c.label.substring(4).equals(t)) {
        return c;
      }
    }
    throw new UserException("classification must be one of TLP:CLEAR, TLP:GREEN, TLP:AMBER,"
        + " TLP:AMBER+STRICT or TLP:RED; got: " + text);
  }

  @Override
  public String toString() {
    return label;
  }
}
