package org.apiaudit.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes time-ordered events into one file per IST day, each day in its own {@link DayFormat}.
 *
 * <p>Lines are formatted into a buffer and handed to a {@link ChunkWriter} thread in chunks of
 * {@link #CHUNK_BYTES}: large enough that the system-call cost disappears, small enough to stay
 * in cache; the writer thread does the I/O (and gzip) on the second core. A day's file is created when its first event arrives, or empty (header only) if the day
 * has none, so that every simulated day has exactly one file.
 */
final class DailyFileSink implements AutoCloseable {
  /** Flush threshold: a few hundred KB amortises write calls without hurting cache locality. */
  static final int CHUNK_BYTES = 512 * 1024;

  private final Path directory;
  private final LocalDate firstDay;
  private final List<DayFormat> formats;
  private final AsciiBuffer buffer = new AsciiBuffer(CHUNK_BYTES + 64 * 1024);
  private final List<Path> files = new ArrayList<>();
  private final ChunkWriter writer = new ChunkWriter(CHUNK_BYTES + 64 * 1024);

  private int openDayIndex = -1;
  private OutputStream out;
  private EventFormatter formatter;
  private long events;
  private long bytes;
  private boolean closed;

  /**
   * @param formats one entry per simulated day, in order
   */
  DailyFileSink(Path directory, LocalDate firstDay, List<DayFormat> formats) {
    this.directory = directory;
    this.firstDay = firstDay;
    this.formats = List.copyOf(formats);
  }

  /** Appends one event to its day's file; events must come in non-decreasing time order. */
  void write(SimEvent event) {
    int dayIndex = dayIndexOf(event.epochMillis);
    if (dayIndex != openDayIndex) {
      openThrough(dayIndex);
    }
    formatter.format(event, buffer);
    events++;
    if (buffer.length() >= CHUNK_BYTES) {
      flushBuffer();
    }
  }

  /** Events written so far. */
  long events() {
    return events;
  }

  /** Uncompressed bytes written so far (including what is still buffered). */
  long bytes() {
    return bytes + buffer.length();
  }

  /** The files created, in day order. */
  List<Path> files() {
    return List.copyOf(files);
  }

  private int dayIndexOf(long epochMillis) {
    long day =
        Math.floorDiv(epochMillis + TimestampWriter.IST_OFFSET_MILLIS, TimestampWriter.DAY_MILLIS);
    return (int) (day - firstDay.toEpochDay());
  }

  private void openThrough(int dayIndex) {
    if (dayIndex < openDayIndex || dayIndex >= formats.size()) {
      throw new IllegalStateException(
          "event for day index " + dayIndex + " while writing day " + openDayIndex
              + " of " + formats.size());
    }
    while (openDayIndex < dayIndex) {
      closeCurrent();
      openDayIndex++;
      open(openDayIndex);
    }
  }

  private void open(int dayIndex) {
    DayFormat dayFormat = formats.get(dayIndex);
    Path file = directory.resolve(dayFormat.format().fileName(firstDay.plusDays(dayIndex),
        dayFormat.gzip()));
    try {
      OutputStream raw = Files.newOutputStream(file);
      out = dayFormat.gzip() ? new GZIPOutputStream(raw, 64 * 1024) : raw;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    files.add(file);
    formatter = dayFormat.format().newFormatter();
    buffer.append(formatter.header());
  }

  private void flushBuffer() {
    int length = buffer.length();
    bytes += length;
    byte[] empty = writer.write(out, buffer.array(), length, currentName());
    buffer.replaceArray(empty);
  }

  private String currentName() {
    return files.get(files.size() - 1).toString();
  }

  private void closeCurrent() {
    if (out == null) {
      return;
    }
    flushBuffer();
    writer.close(out, currentName());
    out = null;
  }

  /** Creates the files of the remaining days (empty but for their header) and closes. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      openThrough(formats.size() - 1);
      closeCurrent();
    } finally {
      writer.close();
    }
  }
}
