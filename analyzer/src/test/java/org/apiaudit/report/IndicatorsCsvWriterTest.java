package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndicatorsCsvWriterTest {
  @Test
  void writesHeaderAndOneRowPerIndicatorWithExactValues() {
    String csv = new IndicatorsCsvWriter().render(ReportFixtures.build(ReportFixtures.scrapingCase()));
    String[] rows = csv.split("\r\n");
    assertEquals("type,value,verdict,confidence,first_seen,last_seen,requests,incident,rules", rows[0]);
    assertEquals("ipv4,198.51.100.23,credential-misuse,0.80,2023-06-08T20:00:00.000Z,2023-06-09T00:00:00.000Z,190,INC-1,"
        + "vaccinator-night-search", rows[1]);
    assertEquals("ipv4,203.0.113.7,scraping,0.95,2023-06-09T02:02:00.000Z,2023-06-09T17:00:03.000Z,5210,INC-2,"
        + "api-bola-fanout api-sequential-walk", rows[2]);
    assertEquals(7, rows.length, csv);
    assertTrue(csv.endsWith("\r\n"));
  }

  @Test
  void cleanCaseHasHeaderOnly() {
    assertEquals("type,value,verdict,confidence,first_seen,last_seen,requests,incident,rules\r\n",
        new IndicatorsCsvWriter().render(ReportFixtures.build(ReportFixtures.cleanCase())));
  }
}
