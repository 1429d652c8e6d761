package org.apiaudit.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines, fast and defensively.
 *
 * <p>Scans bytes for {@code '\n'} in a large buffer and decodes each line once (ASCII lines,
 * the common case, decode without a decoder). Broken UTF-8 becomes U+FFFD instead of failing
 * the file; a trailing {@code '\r'} is dropped (CRLF files); a line longer than the limit is
 * skipped to its end and reported as overlong, so one binary blob cannot exhaust memory.
 */
public final class LineReader {
  /** Default longest line kept, in bytes. Real access-log lines are far shorter. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

  /** Returned by {@link #readLine()} in place of a line that was too long. */
  public static final String OVERLONG = new String("\u0000overlong");

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] carry = new byte[1024];
  private long lineNumber;

  public LineReader(InputStream in) {
    this(in, DEFAULT_MAX_LINE_BYTES);
  }

  public LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.buf = new byte[256 * 1024];
  }

  /** The number of the line last returned, 1-based. */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The next line without its terminator, {@link #OVERLONG} (compare by identity) for a line
   * over the limit, or null at the end of the stream.
   */
  public String readLine() throws IOException {
    int carried = 0;
    boolean overlong = false;
    while (true) {
      if (pos >= limit) {
        if (eof || !fill()) {
          if (carried == 0 && !overlong) {
            return null;
          }
          lineNumber++;
          return overlong ? OVERLONG : decode(carry, 0, carried);
        }
      }
      int nl = indexOfNewline(buf, pos, limit);
      if (nl >= 0) {
        int len = nl - pos;
        String line;
        if (overlong || carried + len > maxLineBytes) {
          line = OVERLONG;
        } else if (carried == 0) {
          line = decode(buf, pos, len);
        } else {
          append(buf, pos, len, carried);
          line = decode(carry, 0, carried + len);
        }
        pos = nl + 1;
        lineNumber++;
        return line;
      }
      int len = limit - pos;
      if (overlong || carried + len > maxLineBytes) {
        overlong = true;
      } else {
        append(buf, pos, len, carried);
        carried += len;
      }
      pos = limit;
    }
  }

  private void append(byte[] src, int from, int len, int carried) {
    if (carried + len > carry.length) {
      byte[] bigger = new byte[Math.max(carry.length * 2, carried + len)];
      System.arraycopy(carry, 0, bigger, 0, carried);
      carry = bigger;
    }
    System.arraycopy(src, from, carry, carried, len);
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String decode(byte[] b, int from, int len) {
    if (len > 0 && b[from + len - 1] == '\r') {
      len--;
    }
    return new String(b, from, len, StandardCharsets.UTF_8);
  }
}
