package org.apiaudit.serve;

import java.nio.file.Path;
import org.apiaudit.index.EventIndex;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.IdentifierMasker;
import org.apiaudit.privacy.Pseudonymizer;

/**
 * The case key on the server side: it turns a clear identifier an investigator typed (in the
 * find-person box, or as {@code subject:9876543210} in a query) into its pseudonym, and masks
 * every identifier-shaped number in query text the server sends back or stores (an error
 * quoting the query, the query of a view, a saved search), so no clear identifier leaves the
 * request that carried it. The key is loaded on first need and checked against the index, as
 * every keyed command checks it; it never reaches the browser.
 */
final class CasePseudonyms {
  private final Path index;
  private final Path keyFile;
  private IdentifierMasker masker;
  /** Finds identifier-shaped numbers without the case key: its pseudonyms are thrown away. */
  private final IdentifierMasker probe = new IdentifierMasker(new Pseudonymizer(CaseKey.of(randomSecret())));

  CasePseudonyms(Path index, Path keyFile) {
    this.index = index;
    this.keyFile = keyFile;
  }

  /** The pseudonym of {@code clear}. */
  synchronized String pseudonym(String clear) {
    return masker().pseudonymizer().pseudonym(clear);
  }

  /**
   * {@code text} with every identifier-shaped number pseudonymised. Where the case key cannot be
   * had (none given, or not found), a text without such a number (an epoch-ms range) is returned
   * as it is, and one with such a number is refused rather than passed on in clear.
   */
  synchronized String mask(String text) {
    if (!hasDigitRun(text)) {
      return text;
    }
    if (keyFile == null || !java.nio.file.Files.exists(keyFile)) {
      if (!maskAround(probe, text).equals(text)) {
        masker(); // throws, naming the missing key
      }
      return text;
    }
    return maskAround(masker(), text);
  }

  /** {@code text} masked by {@code masker} everywhere but in the pseudonyms it holds. */
  private static String maskAround(IdentifierMasker masker, String text) {
    StringBuilder out = new StringBuilder(text.length());
    java.util.regex.Matcher m = PSEUDONYM.matcher(text);
    int from = 0;
    while (m.find()) {
      out.append(masker.mask(text.substring(from, m.start()))).append(m.group());
      from = m.end();
    }
    return out.append(masker.mask(text.substring(from))).toString();
  }

  /**
   * A pseudonym as the index holds it (a prefix and 16 hex digits), kept as typed: its digits
   * are a keyed hash, not a number, yet about one in a hundred has ten of them in a row, which the
   * masker would take for a mobile number and pseudonymise again, so that searching a pseudonym
   * copied from a report found nothing.
   */
  private static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile(
      "(?<![0-9A-Za-z])(?:" + Pseudonymizer.PREFIX + "|" + Pseudonymizer.BLOCK_PREFIX + ")[0-9a-f]{16}(?![0-9A-Za-z])");


  private IdentifierMasker masker() {
    if (masker == null) {
      if (keyFile == null) {
        throw ApiException.badRequest("this server was started without a case key: it cannot pseudonymise a"
            + " personal number; search the pseudonym (ps-…) instead");
      }
      masker = new IdentifierMasker(new Pseudonymizer(EventIndex.readManifest(index).requireKey(keyFile, index)));
    }
    return masker;
  }

  private static byte[] randomSecret() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    return secret;
  }

  /** Whether {@code text} has ten or more digits in all: fewer cannot make an identifier. */
  private static boolean hasDigitRun(String text) {
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i)) && ++digits >= 10) {
        return true;
      }
    }
    return false;
  }
}
