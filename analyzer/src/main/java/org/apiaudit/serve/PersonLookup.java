package org.apiaudit.serve;

import java.nio.file.Path;
import org.apiaudit.index.EventIndex;
import org.apiaudit.privacy.Pseudonymizer;

/**
 * The "find person" box: a mobile, Aadhaar or beneficiary reference number typed by the
 * investigator becomes its pseudonym with the case key, on the server (the key never reaches
 * the browser), checked against the index the way every keyed command checks it. The number is
 * never echoed, logged or put in a URL: the answer is the query for the pseudonym.
 */
final class PersonLookup {
  private final Path index;
  private final Path keyFile;
  private Pseudonymizer pseudonymizer;

  PersonLookup(Path index, Path keyFile) {
    this.index = index;
    this.keyFile = keyFile;
  }

  /** The query {@code subject:ps-…} for the person with identifier {@code number}. */
  synchronized String query(String number) {
    if (number == null || number.isBlank()) {
      throw ApiException.badRequest("type a mobile, Aadhaar or reference number");
    }
    String digits = number.replaceAll("[\\s+-]", "");
    if (!digits.chars().allMatch(Character::isDigit) || Pseudonymizer.kindOf(number).equals("other")) {
      throw ApiException.badRequest("that is not a mobile (10 digits), Aadhaar (12) or reference number (14)");
    }
    if (keyFile == null) {
      throw ApiException.badRequest("this server was started without a case key: find person is unavailable");
    }
    if (pseudonymizer == null) {
      pseudonymizer = new Pseudonymizer(EventIndex.readManifest(index).requireKey(keyFile, index));
    }
    return "subject:" + pseudonymizer.pseudonym(number);
  }
}
