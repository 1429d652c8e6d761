package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/** How the gateway authenticated the caller, as logged in {@code $auth_type}. */
enum AuthType {
  NONE,
  CITIZEN,
  VACCINATOR,
  PARTNER;

  final byte[] bytes = name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
}
