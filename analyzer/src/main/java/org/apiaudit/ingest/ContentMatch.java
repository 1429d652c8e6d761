package org.apiaudit.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipException;
import org.apiaudit.Sha256;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;

/**
 * How a file's content relates to the files an index records: idempotency by content, not by
 * the bytes on disk, so {@code access.log} and {@code access.log.gz} of the same lines are one
 * file, and a log that grew since it was ingested adds only its new lines.
 *
 * @param kind what to do with the file
 * @param previous the recorded file it matches, or null for {@link Kind#NEW}
 * @param start the content byte where reading starts
 * @param redoLastLine whether {@code previous} ended inside a line (no newline after its last
 *     line) that this file completes: that line's events are replaced, reading from its start
 */
record ContentMatch(Kind kind, SourceFile previous, long start, boolean redoLastLine) {
  /** What ingest does with a file. */
  enum Kind {
    /** Content the index has not seen: read it all. */
    NEW,
    /** The same content as {@code previous}: skip it. */
    DUPLICATE,
    /** The start of {@code previous}'s content (a copy cut short): skip it. */
    TRUNCATED,
    /** Starts with {@code previous}'s content and goes on: read from its offset. */
    EXTENDS,
    /** {@code previous}'s content, whose events retention purged: read it all again. */
    RESTORE
  }

  private static ContentMatch of(Kind kind, SourceFile previous) {
    return new ContentMatch(kind, previous, 0, false);
  }

  /**
   * Matches {@code file} (whose head is {@code head}) against {@code manifest}: records with a
   * content fingerprint whose head it shares are checked longest first, by hashing the file's
   * content up to their offset; records without one (older indexes) by the SHA-256 on disk;
   * last, whether the file is the start of a recorded file still on disk (a copy cut short).
   */
  static ContentMatch find(Path file, ContentHead head, IndexManifest manifest) throws IOException {
    List<SourceFile> candidates = manifest.files().stream()
        .filter(f -> f.contentSha256() != null && f.offset() > 0 && head.matches(f))
        .sorted(Comparator.comparingLong(SourceFile::offset).reversed())
        .toList();
    for (SourceFile c : candidates) {
      Prefix p = prefix(file, head.gzip(), c.offset());
      if (p != null && p.sha256().equals(c.contentSha256())) {
        if (c.purged()) {
          return of(Kind.RESTORE, c);
        }
        if (!p.more()) {
          return of(Kind.DUPLICATE, c);
        }
        // The recorded content ended inside a line that this copy completes: read that line again, whole.
        return p.endsLine() ? new ContentMatch(Kind.EXTENDS, c, c.offset(), false)
            : new ContentMatch(Kind.EXTENDS, c, p.lastLineStart(), true);
      }
    }
    if (manifest.hasFileOfSize(head.diskSize())) {
      SourceFile same = manifest.findBySha256(Sha256.of(file));
      if (same != null) {
        return of(same.purged() ? Kind.RESTORE : Kind.DUPLICATE, same);
      }
    }
    for (SourceFile f : manifest.files()) {
      if (!f.purged() && isStartOf(file, head, f)) {
        return of(Kind.TRUNCATED, f);
      }
    }
    return of(Kind.NEW, null);
  }

  /**
   * Whether the content of {@code file} is a proper start of {@code recorded}'s content, checked
   * against the recorded file where it still lies (the manifest keeps fingerprints, not
   * content): its content up to the recorded offset must still hash to the recorded value.
   */
  private static boolean isStartOf(Path file, ContentHead head, SourceFile recorded) throws IOException {
    Path original = Path.of(recorded.path());
    if (recorded.contentSha256() == null || recorded.offset() == 0 || head.bytes().length == 0
        || !head.gzip() && head.diskSize() >= recorded.offset()
        || recorded.headBytes() > 0 && head.bytes().length >= recorded.headBytes() && !head.matches(recorded)
        || !Files.isRegularFile(original) || Files.isSameFile(original, file)) {
      return false;
    }
    ContentHead theirs = ContentHead.read(original);
    int overlap = Math.min(head.bytes().length, theirs.bytes().length);
    if (head.bytes().length > theirs.bytes().length
        || !java.util.Arrays.equals(head.bytes(), 0, overlap, theirs.bytes(), 0, overlap)) {
      return false;
    }
    MessageDigest recordedContent = Sha256.newDigest();
    long n = recorded.offset();
    try (InputStream mine = content(file, head.gzip()); InputStream in = content(original, theirs.gzip())) {
      byte[] a = new byte[1 << 16];
      byte[] b = new byte[1 << 16];
      long read = 0;
      // side by side until this file ends, hashing the recorded file's bytes below its offset
      while (true) {
        int r = mine.readNBytes(a, 0, a.length);
        int q = in.readNBytes(b, 0, r);
        if (q < r || !java.util.Arrays.equals(a, 0, r, b, 0, r)) {
          return false;
        }
        recordedContent.update(b, 0, (int) Math.min(q, Math.max(0, n - read)));
        read += r;
        if (r < a.length) {
          break;
        }
      }
      if (read >= n) {
        return false; // as long as the recorded content or longer: not a copy cut short
      }
      byte[] rest = new byte[1 << 16];
      for (long left = n - read; left > 0; ) {
        int r = in.read(rest, 0, (int) Math.min(rest.length, left));
        if (r < 0) {
          return false;
        }
        recordedContent.update(rest, 0, r);
        left -= r;
      }
    } catch (EOFException | ZipException cut) {
      return false;
    }
    return Sha256.finish(recordedContent).equals(recorded.contentSha256());
  }

  private static InputStream content(Path file, boolean gzip) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return Gzip.open(raw, gzip);
  }

  /**
   * SHA-256 of the first {@code n} content bytes, whether more follow, and where the last line in
   * them starts; null when shorter or unreadable.
   */
  private static Prefix prefix(Path file, boolean gzip, long n) throws IOException {
    MessageDigest md = Sha256.newDigest();
    try (InputStream in = content(file, gzip)) {
      byte[] buf = new byte[1 << 16];
      long left = n;
      long pos = 0;
      long lastLineStart = 0;
      byte last = '\n';
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          return null;
        }
        md.update(buf, 0, r);
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            lastLineStart = pos + i + 1;
          }
        }
        last = buf[r - 1];
        pos += r;
        left -= r;
      }
      return new Prefix(Sha256.finish(md), in.read() >= 0, last == '\n', lastLineStart);
    } catch (EOFException | ZipException cut) {
      return null; // a compressed copy cut short is not the recorded content
    }
  }

  private record Prefix(String sha256, boolean more, boolean endsLine, long lastLineStart) {}
}
