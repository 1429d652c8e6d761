package org.apiaudit.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.apiaudit.Sha256;
import org.apiaudit.index.SourceFile;

/**
 * The first bytes of a log's content (decompressed for gzip), which identify it across
 * growth, renames and compression: a rotated {@code access.log.2.gz} starts with the same
 * bytes as the {@code access.log} it once was.
 *
 * @param bytes up to {@link #MAX_BYTES} leading content bytes
 * @param gzip whether the file on disk is gzip-compressed
 * @param identity the file system's key for the file (device and inode), or null
 * @param diskSize bytes on disk when the head was read
 */
public record ContentHead(byte[] bytes, boolean gzip, String identity, long diskSize) {
  /** Enough for the head hash and for the header lines that prime a format (CSV, W3C). */
  public static final int MAX_BYTES = 64 * 1024;
  /** Lines of context handed to the format detector when reading from an offset. */
  public static final int CONTEXT_LINES = 16;

  public static ContentHead read(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = attrs.fileKey();
    try (BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      boolean gzip = Gzip.sniff(raw);
      InputStream content = Gzip.open(raw, gzip);
      byte[] buf = new byte[MAX_BYTES];
      int n = 0;
      try {
        int r;
        while (n < buf.length && (r = content.read(buf, n, buf.length - n)) > 0) {
          n += r;
        }
      } catch (EOFException | ZipException partial) {
        // a .gz still being written: what was readable is the head
      }
      return new ContentHead(java.util.Arrays.copyOf(buf, n), gzip, key == null ? null : key.toString(), attrs.size());
    }
  }

  /** Whether this content starts with the head recorded for {@code file}. */
  public boolean matches(SourceFile file) {
    return file.headSha256() != null && file.headBytes() > 0 && bytes.length >= file.headBytes()
        && sha256(file.headBytes()).equals(file.headSha256());
  }

  /** Hex SHA-256 of the first {@code n} bytes. */
  public String sha256(long n) {
    MessageDigest md = Sha256.newDigest();
    md.update(bytes, 0, (int) Math.min(n, bytes.length));
    return Sha256.finish(md);
  }

  /** Up to {@link #CONTEXT_LINES} complete lines among the first {@code upTo} bytes. */
  public List<String> contextLines(long upTo) {
    List<String> lines = new ArrayList<>();
    int end = (int) Math.min(upTo, bytes.length);
    int start = 0;
    for (int i = 0; i < end && lines.size() < CONTEXT_LINES; i++) {
      if (bytes[i] == '\n') {
        int len = i - start;
        if (len > 0 && bytes[i - 1] == '\r') {
          len--;
        }
        lines.add(new String(bytes, start, len, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return lines;
  }

  /**
   * Reads and drops the next {@code n} bytes of {@code in}: read, not skipped, so that a digest
   * or a counter wrapped around the stream sees every byte (their {@code skip} bypasses them).
   *
   * @throws EOFException when the stream ends first
   */
  public static void readPast(InputStream in, long n) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new EOFException("content ends before byte " + n);
      }
      left -= r;
    }
  }
}
