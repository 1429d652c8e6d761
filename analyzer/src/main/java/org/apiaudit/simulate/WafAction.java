package org.apiaudit.simulate;

import java.nio.charset.StandardCharsets;

/** The WAF's decision, logged only in the JSON export. */
enum WafAction {
  ALLOW,
  BLOCK;

  final byte[] bytes = name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
}
