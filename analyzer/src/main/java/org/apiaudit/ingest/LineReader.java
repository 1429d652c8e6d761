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
 *
 * <p>The stream's first line break decides its style: a lone {@code '\r'} (classic Mac OS, some
 * Windows exporters) makes every {@code '\r'} (or {@code "\r\n"}) a line break, instead of the
 * whole file being one overlong line; otherwise only {@code '\n'} breaks lines, so a stray
 * carriage return inside a line of an LF file stays part of it. A UTF-8 byte-order mark before the first line is dropped
 * (Windows tools write one), so the first line parses like the others.
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
  /** The stream's line breaks: {@code 0} not seen yet, else {@code '\n'} or {@code '\r'}. */
  private byte terminator;
  /** The previous line ended at a {@code '\r'} that was the last byte read: a {@code '\n'} may follow. */
  private boolean pendingCr;

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
    String line = nextLine();
    if (lineNumber == 1 && line != null && line != OVERLONG && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
      return line.substring(1);
    }
    return line;
  }

  private String nextLine() throws IOException {
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
      if (pendingCr) {
        pendingCr = false;
        if (buf[pos] == '\n') {
          pos++; // the LF of a CRLF split across two reads
          if (terminator == 0) {
            terminator = '\n';
          }
          continue;
        }
        if (terminator == 0) {
          terminator = '\r';
        }
      }
      int nl = indexOfLineBreak(pos, limit);
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
        if (terminator == '\r') {
          // a CRLF in a CR file is one break too
          if (pos < limit) {
            if (buf[pos] == '\n') {
              pos++;
            }
          } else {
            pendingCr = true;
          }
        }
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

  /**
   * The index of the byte ending the line that starts at {@code from}, or -1. Until the style is
   * known, the first {@code '\n'} or {@code '\r'} decides it: a {@code '\r'} followed by
   * {@code '\n'} is a CRLF break (the line's {@code '\r'} is dropped when decoding), one followed
   * by anything else a CR break; one that is the last byte read ends the line and leaves the
   * decision to the next byte.
   */
  private int indexOfLineBreak(int from, int to) {
    if (terminator != 0) {
      byte t = terminator;
      for (int i = from; i < to; i++) {
        if (buf[i] == t) {
          return i;
        }
      }
      return -1;
    }
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (b == '\n') {
        terminator = '\n';
        return i;
      }
      if (b == '\r') {
        if (i + 1 == to) {
          pendingCr = true;
          return i;
        }
        terminator = buf[i + 1] == '\n' ? (byte) '\n' : (byte) '\r';
        return terminator == '\n' ? i + 1 : i;
      }
    }
    return -1;
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

  private static String decode(byte[] b, int from, int len) {
    if (len > 0 && b[from + len - 1] == '\r') {
      len--;
    }
    return new String(b, from, len, StandardCharsets.UTF_8);
  }
}
