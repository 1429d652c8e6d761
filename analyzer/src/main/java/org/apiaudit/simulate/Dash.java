package org.apiaudit.simulate;

/** The placeholder the text formats write for an absent value. */
final class Dash {
  static final byte[] BYTES = {'-'};

  private Dash() {}
}
