package org.apiaudit.ingest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiaudit.output.Escaping;

/**
 * Collects rejected lines from all workers: keeps the first few for the summary, counts all,
 * and appends every one to the rejects file (tab-separated: file, line, reason, masked excerpt).
 *
 * <p>The rejects file quotes log lines, masked but still about people's requests, so it is
 * created owner-only (0600), like the case key. It is written as UTF-8 with a replacing
 * encoder: a character that cannot be encoded becomes {@code ?} rather than failing the ingest.
 */
final class RejectSink implements Closeable {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final List<Reject> first = new ArrayList<>();
  private long total;
  private BufferedWriter out;

  RejectSink(Path file) {
    this.file = file;
  }

  synchronized void add(Reject reject) {
    total++;
    if (first.size() < IngestSummary.MAX_LISTED_REJECTS) {
      first.add(reject);
    }
    if (file == null) {
      return;
    }
    try {
      if (out == null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        out = open(file);
      }
      // Reason and excerpt carry no tab or line break (Reject escapes them); the file name may.
      out.write(Escaping.visibleEscapes(reject.file()) + "\t" + reject.line() + "\t" + reject.reason() + "\t"
          + reject.excerpt() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rejects file " + file, e);
    }
  }

  /** Opens {@code file} for appending, creating it owner-only; tightens an existing one. */
  private static BufferedWriter open(Path file) throws IOException {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException raced) {
        // created meanwhile: tightened below
      }
    }
    if (posix) {
      try {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      } catch (java.nio.file.FileSystemException notOurs) {
        // another user's file we may append to: its mode is theirs to set
      }
    }
    CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new BufferedWriter(new OutputStreamWriter(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), utf8));
  }

  synchronized List<Reject> first() {
    return List.copyOf(first);
  }

  synchronized long total() {
    return total;
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
