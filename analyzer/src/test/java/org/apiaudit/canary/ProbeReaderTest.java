package org.apiaudit.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apiaudit.UserException;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

class ProbeReaderTest {
  private static final Pseudonymizer P = new Pseudonymizer(CaseKey.of(new byte[32]));

  private static ProbeSet read(String... lines) {
    return new ProbeReader(P).read("probes.csv", List.of(lines));
  }

  @Test
  void pseudonymisesIdentifiersAndParsesTimesWithOffset() {
    ProbeSet set = read("identifier,queried_at,note", "+91 98765 43210,2023-06-07T22:41:07+05:30,typed by IO-2",
        "482130987654,2023-06-07T17:11:08Z,", "48213098765432,2023-06-07T22:45:00+05:30");
    assertEquals(List.of(), set.problems());
    assertEquals(List.of(
        new Probe(2, P.pseudonym("9876543210"), "mobile", 1686157867000L, "typed by IO-2"),
        new Probe(3, P.pseudonym("482130987654"), "aadhaar", 1686157868000L, null),
        new Probe(4, P.pseudonym("48213098765432"), "reference", 1686158100000L, null)), set.probes());
  }

  @Test
  void acceptsColumnsInAnyOrderAndSkipsBlankAndCommentLines() {
    ProbeSet set = read("\uFEFFqueried_at,identifier", "", "# first try", "2023-06-07T22:41:07+05:30,9876543210");
    assertEquals(List.of(new Probe(4, P.pseudonym("9876543210"), "mobile", 1686157867000L, null)), set.probes());
  }

  @Test
  void reportsBadRowsWithFileAndLineWithoutTheIdentifierAndKeepsTheRest() {
    ProbeSet set = read("identifier,queried_at,note",
        "9876543210,2023-06-07 22:41,",
        "98765,2023-06-07T22:41:07+05:30,",
        ",2023-06-07T22:41:07+05:30,",
        "9876543211,2023-06-07T22:41:07+05:30,x,extra",
        "\"9876543212,2023-06-07T22:41:07+05:30",
        "9876543213,2023-06-07T22:41:07,",
        "9876543214,2023-06-07T22:50:00+05:30,ok");
    assertEquals(List.of(
        "probes.csv:2: queried_at must be ISO-8601 with an offset, e.g. 2023-06-07T22:41:07+05:30; got: 2023-06-07 22:41",
        "probes.csv:3: identifier is not a 10-digit mobile, 12-digit Aadhaar or 14-digit reference id (value not shown)",
        "probes.csv:4: identifier is empty",
        "probes.csv:5: expected 3 columns as in the header; got 4",
        "probes.csv:6: not valid CSV (unbalanced quotes or a stray character)",
        "probes.csv:7: queried_at must be ISO-8601 with an offset, e.g. 2023-06-07T22:41:07+05:30; got: 2023-06-07T22:41:07"),
        set.problems().stream().map(ProbeProblem::toString).toList());
    assertEquals(1, set.probes().size());
    assertEquals(8, set.probes().get(0).line());
    for (ProbeProblem p : set.problems()) {
      assertFalse(p.message().matches(".*98765.*"), p.toString());
    }
  }

  @Test
  void masksIdentifiersInNotes() {
    ProbeSet set = read("identifier,queried_at,note", "9876543210,2023-06-07T22:41:07+05:30,bot echoed 9876543210 and 9123456780");
    assertEquals("bot echoed " + P.pseudonym("9876543210") + " and " + P.pseudonym("9123456780"), set.probes().get(0).note());
  }

  @Test
  void rejectsAFileWithoutHeaderWithoutEchoingItsFirstLine() {
    UserException e = assertThrows(UserException.class, () -> read("9876543210,2023-06-07T22:41:07+05:30"));
    assertEquals("probes.csv:1: column 1 of the header is not one of identifier, queried_at, note;"
        + " the first line must be the header identifier,queried_at[,note]", e.getMessage());
  }

  @Test
  void rejectsAHeaderWithoutQueriedAt() {
    UserException e = assertThrows(UserException.class, () -> read("identifier,note", "9876543210,x"));
    assertEquals("probes.csv:1: the header must name the columns identifier and queried_at (and optionally note)",
        e.getMessage());
  }

  @Test
  void rejectsEmptyFilesAndHeaderOnlyFiles() {
    assertEquals("probes file probes.csv is empty; it needs the header identifier,queried_at[,note] and one row per probe",
        assertThrows(UserException.class, () -> read()).getMessage());
    assertEquals("probes file probes.csv has a header but no probe rows",
        assertThrows(UserException.class, () -> read("identifier,queried_at")).getMessage());
  }

  @Test
  void noteColumnIsOptionalPerRow() {
    ProbeSet set = read("identifier,queried_at,note", "9876543210,2023-06-07T22:41:07+05:30");
    assertEquals(List.of(), set.problems());
    assertNull(set.probes().get(0).note());
  }
}
