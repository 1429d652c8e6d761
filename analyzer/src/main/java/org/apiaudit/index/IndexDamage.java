package org.apiaudit.index;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.UserException;

/**
 * Tells a damaged index from a bug, and says so in one line that names {@code analyzer verify}.
 *
 * <p>Lucene checks a file's checksum when it opens the small metadata files and when it merges,
 * not on every read: a flipped byte in a segment's data can surface as a
 * {@link CorruptIndexException}, a truncated file as an {@link EOFException}, or as any runtime
 * error of a decoder fed garbage (an {@code ArrayIndexOutOfBoundsException} in LZ4). So an
 * unexpected error while reading an index is checked against the index's checksums before it
 * is called a bug.
 */
public final class IndexDamage {
  private IndexDamage() {}

  /** Whether {@code t} or a cause of it is Lucene's (or the file system's) way of saying a file is damaged. */
  public static boolean isDamage(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CorruptIndexException || c instanceof IndexFormatTooOldException
          || c instanceof IndexFormatTooNewException || c instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  /** The first damage-type exception in {@code t}'s causes, or {@code t}. */
  private static Throwable damageOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (isDamage(c) && (c.getCause() == null || !isDamage(c.getCause()))) {
        return c;
      }
    }
    return t;
  }

  /** The one-line error for a damaged index at {@code dir}, {@code what} being the damage. */
  public static UserException damaged(Path dir, String what, Throwable cause) {
    String where = dir == null ? "the index" : "index " + dir;
    return new UserException(where + " is damaged (" + firstLine(what) + "); run " + verify(dir)
        + " to list every problem", 2, cause);
  }

  private static String verify(Path dir) {
    return "'analyzer verify -i " + (dir == null ? "DIR" : dir) + "'";
  }

  /** {@link #damaged} for a damage-type exception (see {@link #isDamage}). */
  public static UserException damaged(Path dir, Throwable cause) {
    Throwable d = damageOf(cause);
    return damaged(dir, d.getClass().getSimpleName() + ": " + d.getMessage(), cause);
  }

  /**
   * Explains an unexpected error that happened while a command read the index at {@code dir}:
   * a {@link UserException} naming {@code analyzer verify} when the error is a damage type or the
   * index's checksums fail, else null (the error is a bug).
   */
  public static UserException explain(Path dir, Throwable error) {
    if (isDamage(error)) {
      return damaged(dir, error);
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    String problem = checksumProblem(dir);
    return problem == null ? null : damaged(dir, problem, error);
  }

  /**
   * Verifies the checksum of every file of every segment of the latest commit in {@code dir}
   * (reads every byte once); null when they all match, else the first problem found.
   */
  public static String checksumProblem(Path dir) {
    try (Directory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
      return checksumProblem(reader);
    } catch (IOException | RuntimeException e) {
      return describe(e);
    }
  }

  /** {@link #checksumProblem(Path)} over an open reader. */
  public static String checksumProblem(DirectoryReader reader) {
    for (LeafReaderContext leaf : reader.leaves()) {
      try {
        leaf.reader().checkIntegrity();
      } catch (IOException | RuntimeException e) {
        return "segment " + segmentName(leaf) + ": " + describe(e);
      }
    }
    return null;
  }

  /**
   * Refuses to add to an index whose files fail their checksums: documents committed onto a
   * damaged segment would be lost with it, and a merge would fail half-way. Reads every byte of
   * the index once (on {@code sample-logs/incident-2023-06}, see README).
   *
   * @throws UserException naming {@code analyzer verify} when a checksum fails
   */
  public static void requireIntact(IndexWriter writer, Path dir) {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      String problem = checksumProblem(reader);
      if (problem != null) {
        throw refused(dir, problem, null);
      }
    } catch (IOException e) {
      throw refused(dir, describe(damageOf(e)), e);
    }
  }

  private static UserException refused(Path dir, String problem, Throwable cause) {
    return new UserException("index " + dir + " is damaged (" + firstLine(problem) + "); nothing was added to it; run "
        + verify(dir) + " to list every problem", 2, cause);
  }

  private static String segmentName(LeafReaderContext leaf) {
    return FilterLeafReader.unwrap(leaf.reader()) instanceof SegmentReader s ? s.getSegmentName() : "#" + leaf.ord;
  }

  private static String describe(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "missing file " + e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
