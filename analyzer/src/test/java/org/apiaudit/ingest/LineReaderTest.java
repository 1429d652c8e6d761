package org.apiaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static LineReader reader(byte[] bytes, int max) {
    return new LineReader(new ByteArrayInputStream(bytes), max);
  }

  @Test
  void splitsLfAndCrlfAndKeepsLastLineWithoutNewline() throws IOException {
    LineReader r = reader("a\r\nb\nc".getBytes(StandardCharsets.UTF_8), 1024);
    assertEquals("a", r.readLine());
    assertEquals("b", r.readLine());
    assertEquals("c", r.readLine());
    assertEquals(3, r.lineNumber());
    assertNull(r.readLine());
  }

  @Test
  void brokenUtf8BecomesReplacementCharacter() throws IOException {
    byte[] bytes = {'x', (byte) 0xC3, '\n', 'y'};
    LineReader r = reader(bytes, 1024);
    assertEquals("x\uFFFD", r.readLine());
    assertEquals("y", r.readLine());
  }

  @Test
  void overlongLineIsSkippedToItsEndAndReported() throws IOException {
    String longLine = "z".repeat(5000);
    LineReader r = reader(("ok\n" + longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8), 300);
    assertEquals("ok", r.readLine());
    assertSame(LineReader.OVERLONG, r.readLine());
    assertEquals("next", r.readLine());
    assertEquals(3, r.lineNumber());
  }

  @Test
  void linesSpanningBufferBoundariesAreJoined() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("line-").append(i).append('\n');
    }
    LineReader r = reader(sb.toString().getBytes(StandardCharsets.UTF_8), 1024);
    for (int i = 0; i < 100_000; i++) {
      assertEquals("line-" + i, r.readLine());
    }
    assertNull(r.readLine());
  }
}
