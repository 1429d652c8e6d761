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
      if (!probe.mask(text).equals(text)) {
        masker(); // throws, naming the missing key
      }
      return text;
    }
    return masker().mask(text);
  }


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
