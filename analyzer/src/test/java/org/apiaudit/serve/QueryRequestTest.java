package org.apiaudit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The plain words of query errors, apart from the server (the API test covers the answers). */
class QueryRequestTest {
  @Test
  void unbalancedBracketsAndQuotesAreNamed() {
    assertEquals("missing ')'", QueryRequest.syntaxProblem("(a OR b"));
    assertEquals("missing ')' (2 of them)", QueryRequest.syntaxProblem("((a OR b"));
    assertEquals("unexpected ')' at character 2 (no '(' before it)", QueryRequest.syntaxProblem("a)"));
    assertEquals("missing closing '\"'", QueryRequest.syntaxProblem("ua:\"python"));
    assertEquals("missing ']' to close the range", QueryRequest.syntaxProblem("status:[400 TO 499"));
    assertNull(QueryRequest.syntaxProblem("path:\\(x ua:\"a (b\" status:[1 TO 2]"), "escaped and quoted brackets");
  }

  @Test
  void mistypedFieldsGetASuggestionOnlyWhenClose() {
    assertEquals("unknown field 'ipp' — did you mean ip? (the fields are listed by 'analyzer stats --fields')",
        QueryRequest.plainWords("unknown field 'ipp'; see 'analyzer stats --fields' for the schema"));
    assertEquals("unknown field 'principle' — did you mean principal? (the fields are listed by 'analyzer stats --fields')",
        QueryRequest.plainWords("unknown field 'principle'; see 'analyzer stats --fields' for the schema"));
    assertEquals("unknown field 'zzzzzzzz' (the fields are listed by 'analyzer stats --fields')",
        QueryRequest.plainWords("unknown field 'zzzzzzzz'; see 'analyzer stats --fields' for the schema"));
  }

  @Test
  void lucenesExpectedTokenListIsCut() {
    assertEquals("Encountered \"<EOF>\" at line 1, column 7.", QueryRequest.plainWords(
        "cannot parse query 'status:': Cannot parse 'status:': Encountered \"<EOF>\" at line 1, column 7. Was expecting one of: ..."));
  }
}
