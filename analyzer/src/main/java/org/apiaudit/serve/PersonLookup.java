package org.apiaudit.serve;

import org.apiaudit.privacy.Pseudonymizer;

/**
 * The "find person" box: a mobile, Aadhaar or beneficiary reference number typed by the
 * investigator becomes its pseudonym with the case key, on the server (the key never reaches
 * the browser), checked against the index the way every keyed command checks it. The number is
 * never echoed, logged or put in a URL: the answer is the query for the pseudonym.
 */
final class PersonLookup {
  private final CasePseudonyms pseudonyms;

  PersonLookup(CasePseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  /** The query {@code subject:ps-…} for the person with identifier {@code number}. */
  String query(String number) {
    if (number == null || number.isBlank()) {
      throw ApiException.badRequest("type a mobile, Aadhaar or reference number");
    }
    String digits = number.replaceAll("[\\s+-]", "");
    if (!digits.chars().allMatch(Character::isDigit) || Pseudonymizer.kindOf(number).equals("other")) {
      throw ApiException.badRequest("that is not a mobile (10 digits), Aadhaar (12) or reference number (14)");
    }
    return "subject:" + pseudonyms.pseudonym(number);
  }
}
