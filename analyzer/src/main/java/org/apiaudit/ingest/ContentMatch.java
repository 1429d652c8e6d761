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
 */
record ContentMatch(Kind kind, SourceFile previous) {
  /** What ingest does with a file. */
  enum Kind {
    /** Content the index has not seen: read it all. */
    NEW,
    /** The same content as {@code previous}: skip it. */
    DUPLICATE,
    /** Starts with {@code previous}'s content and goes on: read from its offset. */
    EXTENDS,
    /** {@code previous}'s content, whose events retention purged: read it all again. */
    RESTORE
  }

  /** Where ingest starts reading the file's content. */
  long start() {
    return kind == Kind.EXTENDS ? previous.offset() : 0;
  }

  /**
   * Matches {@code file} (whose head is {@code head}) against {@code manifest}: records with a
   * content fingerprint whose head it shares are checked longest first, by hashing the file's
   * content up to their offset; records without one (older indexes) by the SHA-256 on disk.
   */
  static ContentMatch find(Path file, ContentHead head, IndexManifest manifest) throws IOException {
    List<SourceFile> candidates = manifest.files().stream()
        .filter(f -> f.contentSha256() != null && f.offset() > 0 && head.matches(f))
        .sorted(Comparator.comparingLong(SourceFile::offset).reversed())
        .toList();
    for (SourceFile c : candidates) {
      Prefix p = prefix(file, head.gzip(), c.offset());
      if (p != null && p.sha256().equals(c.contentSha256())) {
        return new ContentMatch(c.purged() ? Kind.RESTORE : p.more() ? Kind.EXTENDS : Kind.DUPLICATE, c);
      }
    }
    if (manifest.hasFileOfSize(head.diskSize())) {
      SourceFile same = manifest.findBySha256(Sha256.of(file));
      if (same != null) {
        return new ContentMatch(same.purged() ? Kind.RESTORE : Kind.DUPLICATE, same);
      }
    }
    return new ContentMatch(Kind.NEW, null);
  }

  /** SHA-256 of the first {@code n} content bytes and whether more follow; null when shorter or unreadable. */
  private static Prefix prefix(Path file, boolean gzip, long n) throws IOException {
    MessageDigest md = Sha256.newDigest();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in = Gzip.open(raw, gzip)) {
      byte[] buf = new byte[1 << 16];
      long left = n;
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          return null;
        }
        md.update(buf, 0, r);
        left -= r;
      }
      return new Prefix(Sha256.finish(md), in.read() >= 0);
    } catch (EOFException | ZipException cut) {
      return null; // a compressed copy cut short is not the recorded content
    }
  }

  private record Prefix(String sha256, boolean more) {}
}
