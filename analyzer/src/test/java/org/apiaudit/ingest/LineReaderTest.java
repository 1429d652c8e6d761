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

  /** A stream that hands out at most {@code chunk} bytes per read, as a pipe may. */
  private static LineReader trickling(byte[] bytes, int chunk) {
    return new LineReader(new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    }, 1024);
  }

  @Test
  void utf8ByteOrderMarkBeforeTheFirstLineIsDropped() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "first\nsecond\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(text, 0, bytes, 3, text.length);
    for (int chunk : new int[] {1, 2, 1 << 20}) {
      LineReader r = trickling(bytes, chunk);
      assertEquals("first", r.readLine(), "chunk " + chunk);
      assertEquals("second", r.readLine());
      assertNull(r.readLine());
    }
  }

  @Test
  void byteOrderMarkInsideTheFileIsKept() throws IOException {
    LineReader r = reader("a\n\uFEFFb\n".getBytes(StandardCharsets.UTF_8), 1024);
    assertEquals("a", r.readLine());
    assertEquals("\uFEFFb", r.readLine());
  }

  @Test
  void crOnlyLineEndingsSplitLines() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      sb.append("line-").append(i).append('\r'); // about 650 KB: crosses the 256 KiB buffer twice
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 7, 1 << 20}) {
      LineReader r = trickling(bytes, chunk);
      for (int i = 0; i < 60_000; i++) {
        assertEquals("line-" + i, r.readLine(), "chunk " + chunk);
      }
      assertNull(r.readLine());
      assertEquals(60_000, r.lineNumber());
    }
  }

  @Test
  void crlfInACrOnlyFileIsOneLineBreak() throws IOException {
    byte[] bytes = "a\rb\r\nc\r\r\nd".getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 2, 3, 1 << 20}) {
      LineReader r = trickling(bytes, chunk);
      assertEquals("a", r.readLine(), "chunk " + chunk);
      assertEquals("b", r.readLine(), "chunk " + chunk);
      assertEquals("c", r.readLine(), "chunk " + chunk);
      assertEquals("", r.readLine(), "chunk " + chunk);
      assertEquals("d", r.readLine(), "chunk " + chunk);
      assertNull(r.readLine());
    }
  }

  @Test
  void crlfSplitAcrossReadsIsOneLineBreak() throws IOException {
    byte[] bytes = "a\r\nb\r\n\r\nc".getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 2, 3}) {
      LineReader r = trickling(bytes, chunk);
      assertEquals("a", r.readLine(), "chunk " + chunk);
      assertEquals("b", r.readLine());
      assertEquals("", r.readLine());
      assertEquals("c", r.readLine());
      assertNull(r.readLine());
    }
  }

  @Test
  void strayCarriageReturnInsideAnLfFileStaysInItsLine() throws IOException {
    LineReader r = reader("a\nb\rc\nd".getBytes(StandardCharsets.UTF_8), 1024);
    assertEquals("a", r.readLine());
    assertEquals("b\rc", r.readLine());
    assertEquals("d", r.readLine());
  }
}
