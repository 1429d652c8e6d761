package org.apiaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sigma's regex subset written as Lucene expressions, and every construct outside it named. */
class SigmaRegexTest {
  private static SigmaRegex plain(String re) {
    return SigmaRegex.of(re, false, false, false);
  }

  @Test
  void anUnanchoredExpressionIsASearch() {
    assertEquals(new SigmaRegex(".*", "(ab[^\n]c)", ".*", false), plain("ab.c"));
  }

  @Test
  void anchorsAndALeadingCaseFlagAreTakenOff() {
    assertEquals(new SigmaRegex("", "(a)", "", true), plain("(?i)^a$"));
    assertEquals(new SigmaRegex(".*", "(a\\$)", ".*", false), plain("a\\$"), "an escaped dollar is a literal");
  }

  @Test
  void subModifiersChangeDotAndAnchors() {
    assertEquals("(a.c)", SigmaRegex.of("a.c", false, false, true).body());
    assertEquals("(.*\n)?(a)(\n.*)?", SigmaRegex.of("^a$", false, true, false).regex());
  }

  @Test
  void caseInsensitiveClassesFoldTheirLetterRanges() {
    assertEquals("([a-fA-F0-9]+)", SigmaRegex.of("[a-f0-9]+", true, false, false).body());
    assertEquals("([a-f0-9]+)", plain("[a-f0-9]+").body());
  }

  @Test
  void charactersSpecialOnlyToLuceneStayLiterals() {
    assertEquals("(a\\<b\\#c\\@)", plain("a<b#c@").body());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\\1|a back-reference \\1",
      "(?=x)|a lookahead (?=",
      "(?<!x)|a lookbehind (?<!",
      "(?<n>x)|a named group (?<",
      "(?:x)|a non-capturing group (?:...) (a plain group (...) matches the same)",
      "(?m)x|an inline flag or group (?m) (only a leading (?i) is supported; use the re sub-modifiers i, m, s)",
      "\\bword|a word boundary \\b",
      "\\Aword|an anchor \\A",
      "\\qword|the escape \\q",
      "a^b|an inner ^ anchor (only a leading ^ is supported)",
      "a$b|an inner $ anchor (only a trailing $ is supported)",
      "[[:alpha:]]|a POSIX class [[:...:]]",
      "[abc|an unclosed character class",
      "a\\|a trailing backslash"})
  void constructsOutsideTheSubsetAreRefusedByName(String re, String construct) {
    assertEquals("regular expression uses " + construct + ", outside Sigma's regex subset: " + re,
        assertThrows(UserException.class, () -> plain(re)).getMessage());
  }

  @Test
  void anchorsAroundATopLevelAlternationAreRefused() {
    assertEquals("regular expression uses anchors around a top-level alternation (write ^(a|b)$ to anchor every"
        + " alternative), outside Sigma's regex subset: ^a|b$",
        assertThrows(UserException.class, () -> plain("^a|b$")).getMessage());
    assertEquals("((a|b))", plain("^(a|b)$").body());
  }
}
