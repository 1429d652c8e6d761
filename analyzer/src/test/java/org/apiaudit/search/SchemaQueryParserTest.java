package org.apiaudit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;

class SchemaQueryParserTest {
  private static UserException refused(String query) {
    return assertThrows(UserException.class, () -> new SchemaQueryParser().parseQuery(query));
  }

  @Test
  void tenThousandNestedParenthesesAreAUsageErrorNotAStackOverflow() {
    UserException e = refused("(".repeat(10_000) + "principal:x" + ")".repeat(10_000));
    assertEquals("query nests parentheses 10000 deep; at most 100 levels are allowed", e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void deepNestingInsideARegularExpressionIsAUsageError() {
    UserException e = refused("ua:/" + "(".repeat(5000) + "a" + ")".repeat(5000) + "/");
    assertTrue(e.getMessage().startsWith("query nests parentheses 5000 deep"), e.getMessage());
  }

  @Test
  void regularExpressionOverAThousandCharactersIsAUsageError() {
    UserException e = refused("path:/" + "a?".repeat(5000) + "/");
    assertEquals("regular expression of 10000 characters on path; at most 1000 are allowed", e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void regularExpressionTooComplexToRunIsAUsageError() {
    // short enough to be parsed, but its automaton exceeds Lucene's determinization work limit
    UserException e = refused("ua:/.*a" + ".".repeat(20) + "/"); // the 20th character from the end is an a
    assertTrue(e.getMessage().contains("too complex to run"), e.getMessage());
    UserException wildcard = refused("path:\\/x*" + "?*".repeat(2000));
    assertTrue(wildcard.getMessage().contains("too complex to run"), wildcard.getMessage());
  }

  @Test
  void nestingCountsOnlyUnescapedParentheses() {
    assertEquals(2, SchemaQueryParser.nesting("(a OR (b)) AND \\(\\(\\( c"));
    assertEquals(0, SchemaQueryParser.nesting("ua:\"x\\(y\""));
  }

  @Test
  void moderateNestingStillParses() {
    new SchemaQueryParser().parseQuery("(".repeat(50) + "principal:x" + ")".repeat(50));
  }
}
