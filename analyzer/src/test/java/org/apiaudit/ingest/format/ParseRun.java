package org.apiaudit.ingest.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;

/** Test helper: runs a format over lines the way the ingest reader does, and counts outcomes. */
final class ParseRun {
  final List<Event> events = new ArrayList<>();
  /** {@code line number: reason} of every reject, in order. */
  final List<String> rejects = new ArrayList<>();
  int directives;
  int lines;

  static ParseRun of(LogFormat format, List<String> lines) {
    ParseRun run = new ParseRun();
    FileSession session = format.startFile();
    int n = 0;
    for (String line : lines) {
      n++;
      LineParser parser = session.parserFor(line);
      if (parser == null) {
        run.directives++;
        continue;
      }
      Event event = new Event();
      String reason = parser.parse(line, event);
      if (reason == null) {
        run.events.add(event);
      } else {
        if (reason.isEmpty()) {
          throw new AssertionError("empty reject reason at line " + n);
        }
        run.rejects.add(n + ": " + reason);
      }
    }
    run.lines = n;
    return run;
  }

  static ParseRun of(LogFormat format, String... lines) {
    return of(format, List.of(lines));
  }

  static ParseRun of(LogFormat format, Path file) throws IOException {
    return of(format, readLines(file));
  }

  /** Lines of a file; ISO-8859-1 for files that are not valid UTF-8 (old Apache logs). */
  static List<String> readLines(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return text.lines().toList();
  }

  Event only() {
    if (events.size() != 1 || !rejects.isEmpty()) {
      throw new AssertionError("expected exactly one event, got " + events + " rejects " + rejects);
    }
    return events.get(0);
  }

  @Override
  public String toString() {
    return lines + " lines: " + events.size() + " parsed, " + rejects.size() + " rejected, "
        + directives + " directives";
  }
}
