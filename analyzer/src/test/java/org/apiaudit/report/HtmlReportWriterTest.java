package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
  private final HtmlReportWriter writer = new HtmlReportWriter();

  @Test
  void scrapingCaseShowsVerdictBadgeClassificationAndEveryMajorSection() {
    String html = writer.render(ReportFixtures.build(ReportFixtures.scrapingCase()));
    assertTrue(html.startsWith("<!DOCTYPE html>"), "doctype first");
    assertTrue(html.contains("<span class=\"badge critical big\">Direct API scraping evidenced</span>"), "verdict badge");
    assertTrue(html.contains("<span class=\"tlp tlp-amber-strict\">TLP:AMBER+STRICT</span>"), "classification band");
    for (String id : new String[] {"summary", "incident", "scope", "hypotheses", "findings", "leak", "benign",
        "indicators", "recommendations", "method"}) {
      assertTrue(html.contains("<section id=\"" + id + "\""), "section " + id);
    }
    assertTrue(html.contains("Direct API scraping and authorised-credential misuse are evidenced (confidence 93%)."));
    assertTrue(html.contains("<code class=\"hash\">" + ReportFixtures.SHA_A + "</code>"), "input digest cited");
    assertTrue(html.contains("<code>logs/gw-2023-06-08.log.gz:1733</code> no closing quote in the request field"), "first reject");
    assertTrue(html.contains("4,812 &gt; 6"), "measured vs threshold");
  }

  @Test
  void chartsAreInlineSvgAndNothingIsFetchedOrRun() {
    String html = writer.render(ReportFixtures.build(ReportFixtures.scrapingCase()));
    // event rate, the suspicious actor's card (sparkline and bars), benign sparkline, leak bars
    assertTrue(count(html, "<svg ") >= 6, "svg charts: " + count(html, "<svg "));
    assertTrue(html.contains("class=\"gap gap-none\""), "gap shaded");
    assertEquals(2, count(html, "<rect class=\"incident-window\""), "each incident's window shaded on the timeline");
    assertTrue(html.contains("<text class=\"incident-label\""), "and labelled");
    assertFalse(html.toLowerCase().contains("<script"), "no script");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(html).find(), "no network reference");
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none';"), "CSP forbids everything else");
  }

  @Test
  void cleanCaseSaysNoSignAndNamesTheBenignAutomation() {
    String html = writer.render(ReportFixtures.build(ReportFixtures.cleanCase()));
    assertTrue(html.contains("There is no sign of direct API scraping in these logs (confidence 85%)."));
    assertTrue(html.contains("explained as benign automation: user agent SlotFinderBot/2.1 (+https://example.org/bot)"));
    assertTrue(html.contains("<span class=\"badge clear big\">No sign of direct API scraping</span>"));
    assertTrue(html.contains("No indicator: no incident, or none of its values was the attack's alone."));
  }

  @Test
  void hostileStringsAreEscapedEverywhere() {
    String html = writer.render(ReportFixtures.build(ReportFixtures.hostileCase()));
    assertFalse(html.contains("<script>alert(1)</script>"), "raw script tag");
    assertFalse(html.contains("<img src=x"), "raw img tag");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assertEquals(0, count(html, "onerror=alert(1)>"), "no live attribute");
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
