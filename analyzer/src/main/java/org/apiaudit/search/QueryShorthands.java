package org.apiaudit.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets investigators type paths and CIDR ranges as they appear in logs.
 *
 * <p>Lucene's syntax reads {@code /.../} as a regular expression, so {@code ip:10.1.2.0/24} and
 * {@code path:/api/v2/partner/*} would be misread. Before parsing, an unquoted value that starts
 * with {@code /} and does not end with one, or an IPv4 address with a prefix length, has its
 * slashes escaped. A value written {@code /like this/} stays a regular expression. Runs once per
 * query, never per event.
 */
final class QueryShorthands {
  private static final Pattern FIELD_VALUE =
      Pattern.compile("(?<=^|[\\s(+!-])([\\w.@-]+:)([^\\s()\"\\[{]+)");

  private QueryShorthands() {}

  static String expand(String query) {
    Matcher m = FIELD_VALUE.matcher(query);
    StringBuilder out = new StringBuilder(query.length() + 8);
    while (m.find()) {
      String value = m.group(2);
      boolean regex = value.length() > 1 && value.startsWith("/") && value.endsWith("/") && !value.endsWith("\\/");
      boolean needsEscape = !regex && value.indexOf('/') >= 0 && value.indexOf("\\/") < 0;
      String replacement = needsEscape ? m.group(1) + value.replace("/", "\\/") : m.group(0);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
