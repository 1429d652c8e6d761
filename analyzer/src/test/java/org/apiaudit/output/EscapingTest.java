package org.apiaudit.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class EscapingTest {
  @Test
  void htmlEscapesMarkupQuotesAndShowsControlCharacters() {
    assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Escaping.html("<script>alert(1)</script>"));
    assertEquals("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", Escaping.html("\"><img src=x onerror=alert(1)>"));
    assertEquals("a &amp; b &#39;c&#39;", Escaping.html("a & b 'c'"));
    assertEquals("line1\u240Aline2\u2400", Escaping.html("line1\nline2\0"));
    assertEquals("", Escaping.html(null));
  }

  @Test
  void markdownEscapesTablePipesCodeLinksTagsAndNewlines() {
    assertEquals("a \\| b", Escaping.markdown("a | b"));
    assertEquals("\\`rm\\` \\*x\\* \\_y\\_", Escaping.markdown("`rm` *x* _y_"));
    assertEquals("\\[click\\](javascript:alert(1))", Escaping.markdown("[click](javascript:alert(1))"));
    assertEquals("\\<script>alert(1)\\</script>", Escaping.markdown("<script>alert(1)</script>"));
    assertEquals("one\u240Dtwo\u240A\\| x", Escaping.markdown("one\rtwo\n| x"));
    assertEquals("\\# not a heading", Escaping.markdown("# not a heading"));
    assertEquals("\\=HYPERLINK(\"http\\://x\")", Escaping.markdown("=HYPERLINK(\"http://x\")"));
    assertEquals("see www\\.example.org", Escaping.markdown("see www.example.org"));
    assertEquals("\\&lt;b\\&gt;", Escaping.markdown("&lt;b&gt;"));
    assertEquals("\\> not a quote, 2 > 1", Escaping.markdown("> not a quote, 2 > 1"));
  }

  @Test
  void markdownCodeUsesCodeSpansOnlyForSafeIdentifiers() {
    assertEquals("`tok-7f3a9c`", Escaping.markdownCode("tok-7f3a9c"));
    assertEquals("`2001:db8::5`", Escaping.markdownCode("2001:db8::5"));
    assertEquals("`192.0.2.0/24`", Escaping.markdownCode("192.0.2.0/24"));
    assertEquals("python-requests/2.31.0 (x\\|y)", Escaping.markdownCode("python-requests/2.31.0 (x|y)"));
    assertEquals("a\\`b", Escaping.markdownCode("a`b"));
  }

  @Test
  void csvNeutralisesFormulaStartsAndQuotesPerRfc4180() {
    assertEquals("'=1+2", Escaping.csvCell("=1+2"));
    assertEquals("'+1", Escaping.csvCell("+1"));
    assertEquals("'-1", Escaping.csvCell("-1"));
    assertEquals("'@SUM(A1)", Escaping.csvCell("@SUM(A1)"));
    assertEquals("\\x09x", Escaping.csvCell("\tx"), "a tab is a visible escape, which starts no formula");
    assertEquals("\\x0dx", Escaping.csvCell("\rx"));
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Escaping.csvCell("=HYPERLINK(\"http://x\")"));
    assertEquals("\"a,b\"", Escaping.csvCell("a,b"));
    assertEquals("two\\x0alines", Escaping.csvCell("two\nlines"), "one record stays one line");
    assertEquals("plain", Escaping.csvCell("plain"));
    assertEquals("", Escaping.csvCell(null));
  }

  @Test
  void csvShowsControlAndBidiCharactersAsVisibleEscapes() {
    assertEquals("\"evil\\x1b]0;title\\x07 \\u202egnp.exe, \\x00\"",
        Escaping.csvCell("evil\u001b]0;title\u0007 \u202egnp.exe, \u0000"));
    assertEquals("'=1\\x0d\\x0a", Escaping.csvCell("=1\r\n"));
  }

  @Test
  void terminalShowsControlC1AndBidiCharactersAsVisibleEscapes() {
    assertEquals("evil\\x1b]0;title\\x07 \\u202egnp \\u2066x\\u2069 \\x0d\\x0aX \\x00 \\u009b31m",
        Escaping.terminal("evil\u001b]0;title\u0007 \u202egnp \u2066x\u2069 \r\nX \u0000 \u009b31m"));
    assertEquals("caf\u00e9 \ud83d\udc4b", Escaping.terminal("caf\u00e9 \ud83d\udc4b"));
  }

  @Test
  void stixStringEscapesQuoteAndBackslashOnly() {
    assertEquals("it\\'s a \\\\ test", Escaping.stixString("it's a \\ test"));
    assertEquals("<script>alert(1)</script>", Escaping.stixString("<script>alert(1)</script>"));
  }

  @Test
  void visibleEscapesShowControlsBidiAndLoneSurrogatesAsEscapes() {
    assertEquals("\\x1b[2J\\x07\\x00 a\\x0d\\x0ab\\x09c\\x7f", Escaping.visibleEscapes("\u001b[2J\u0007\u0000 a\r\nb\tc\u007f"));
    assertEquals("next\\u0085line \\u009b31m", Escaping.visibleEscapes("next\u0085line \u009b31m"));
    assertEquals("user \\u202egnp.exe \\u2066x\\u2069 \\u200f", Escaping.visibleEscapes("user \u202egnp.exe \u2066x\u2069 \u200f"));
    assertEquals("half \\ud83d and \\udc4b", Escaping.visibleEscapes("half \ud83d and \udc4b"));
    assertEquals("", Escaping.visibleEscapes(null));
  }

  @Test
  void visibleEscapesKeepPrintableTextIncludingEmojiAsIs() {
    String text = "byeee!! \ud83d\udc4b caf\u00e9 \u0928\u092e\u0938\u094d\u0924\u0947 \\x22 \ufffd";
    assertSame(text, Escaping.visibleEscapes(text));
  }
}
