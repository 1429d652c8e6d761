package org.apiaudit.detect.memory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apiaudit.UserException;

/**
 * The states of idle groups, written to a temporary file and read back when their group shows up
 * again. Over a long span most actors come and go (every citizen session has its own token), so a
 * correlator that measures over the whole window would otherwise hold every actor of the window
 * in memory; with this it holds the recently active ones, and where each idle group lies in the
 * file ({@link SpillOffsets}: off the heap for groups keyed by one field).
 *
 * <p>A state is written whole, so a group read back continues exactly where it stopped and
 * findings do not depend on when groups were written out. Hash tables are written as laid out
 * and read back with one copy. The file holds global ordinals and counts only, never a value
 * from the logs, and is deleted when the spill is closed.
 *
 * <p>Records are {@code key, length, state} in append order; a key written again (its group came
 * back and went idle again) supersedes its earlier record.
 *
 * @param <S> per-group state
 */
public final class GroupSpill<S> implements Closeable {
  /** Writes and reads every field of one group's state. */
  public interface Codec<S> {
    void write(S state, Out out);

    S read(In in);
  }

  /** Visits a group's key and state. */
  public interface GroupVisitor<S> {
    void visit(long key, S state);
  }

  private static final int HEADER = Long.BYTES + Integer.BYTES;
  private static final long NONE = SpillOffsets.NONE;
  private static final int BUFFER = 1 << 16;

  private final Codec<S> codec;
  private final long keys;
  /** Offset of each key's latest record, or {@link #NONE} once read back; made at the first store. */
  private SpillOffsets offsets;
  private final Out state = new Out();
  private ByteBuffer pending = buffer(BUFFER);
  private long flushed;
  private int stored;
  private Path file;
  private FileChannel channel;

  /** A spill for keys in {@code [0, keys)}, or for any long key when {@code keys} is negative. */
  public GroupSpill(Codec<S> codec, long keys) {
    this.codec = codec;
    this.keys = keys;
  }

  /** How many groups are on disk (written and not read back). */
  public int stored() {
    return stored;
  }

  /** Writes a group's state; the caller drops it from memory. */
  public void store(long key, S s) {
    if (offsets == null) {
      try {
        offsets = SpillOffsets.create(keys);
      } catch (IOException e) {
        throw failure(e);
      }
    }
    state.bytes.clear();
    codec.write(s, state);
    ByteBuffer body = state.bytes.flip();
    int length = body.remaining();
    long at = flushed + pending.position();
    if (pending.remaining() < HEADER + length) {
      flush();
      if (pending.capacity() < HEADER + length) {
        pending = buffer(HEADER + length);
      }
    }
    pending.putLong(key).putInt(length).put(body);
    if (offsets.get(key) == NONE) {
      stored++;
    }
    offsets.put(key, at);
  }

  /** Reads back and forgets the state of {@code key}; null when it is not on disk. */
  public S restore(long key) {
    if (stored == 0) {
      return null;
    }
    long at = offsets.get(key);
    if (at == NONE) {
      return null;
    }
    flush();
    ByteBuffer header = readFully(buffer(HEADER), at);
    if (header.getLong(0) != key) {
      throw new IllegalStateException("spill record at " + at + " is not group " + key);
    }
    ByteBuffer body = readFully(buffer(header.getInt(Long.BYTES)), at + HEADER);
    offsets.put(key, NONE);
    stored--;
    return codec.read(new In(body));
  }

  /** Visits every group still on disk, reading the file once from start to end. */
  public void forEachStored(GroupVisitor<S> visitor) {
    if (stored == 0) {
      return;
    }
    flush();
    ByteBuffer window = buffer(1 << 20).flip();
    for (long at = 0; at < flushed; ) {
      if (window.remaining() < HEADER || window.remaining() < HEADER + window.getInt(window.position() + Long.BYTES)) {
        int need = window.remaining() < HEADER ? HEADER : HEADER + window.getInt(window.position() + Long.BYTES);
        ByteBuffer next = buffer(Math.max(window.capacity(), need));
        next.put(window);
        long from = at + next.position();
        while (next.hasRemaining() && from < flushed) {
          from += read(next, from);
        }
        window = next.flip();
        continue;
      }
      long key = window.getLong();
      int length = window.getInt();
      ByteBuffer body = window.slice(window.position(), length).order(ByteOrder.nativeOrder());
      window.position(window.position() + length);
      if (offsets.get(key) == at) {
        visitor.visit(key, codec.read(new In(body)));
      }
      at += HEADER + length;
    }
  }

  /** Closes and deletes the file. */
  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private void flush() {
    if (pending.position() == 0) {
      return;
    }
    try {
      if (channel == null) {
        file = Files.createTempFile("apiaudit-groups-", ".spill");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.DELETE_ON_CLOSE);
      }
      pending.flip();
      while (pending.hasRemaining()) {
        flushed += channel.write(pending, flushed);
      }
      pending.clear();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private ByteBuffer readFully(ByteBuffer target, long at) {
    while (target.hasRemaining()) {
      if (read(target, at + target.position()) < 0) {
        throw new IllegalStateException("unexpected end of " + file);
      }
    }
    return target.flip();
  }

  private int read(ByteBuffer target, long at) {
    try {
      return channel.read(target, at);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private UserException failure(IOException e) {
    return new UserException("cannot keep idle detection state in " + (file == null ? "the temporary folder" : file)
        + " (" + e.getMessage() + "); set java.io.tmpdir to a folder with free space, e.g. "
        + "JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=/var/tmp");
  }

  private static ByteBuffer buffer(int capacity) {
    return ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
  }

  /** Where a codec writes a state: a growing buffer, with arrays copied in bulk. */
  public static final class Out {
    private ByteBuffer bytes = buffer(256);

    public void putLong(long v) {
      room(Long.BYTES).putLong(v);
    }

    public void putInt(int v) {
      room(Integer.BYTES).putInt(v);
    }

    public void putDouble(double v) {
      room(Double.BYTES).putDouble(v);
    }

    /** Writes the array's length and members. */
    void putInts(int[] v) {
      putInt(v.length);
      ByteBuffer b = room(v.length * Integer.BYTES);
      b.asIntBuffer().put(v);
      b.position(b.position() + v.length * Integer.BYTES);
    }

    /** Writes the array's length and members. */
    void putLongs(long[] v) {
      putInt(v.length);
      ByteBuffer b = room(v.length * Long.BYTES);
      b.asLongBuffer().put(v);
      b.position(b.position() + v.length * Long.BYTES);
    }

    private ByteBuffer room(int n) {
      if (bytes.remaining() < n) {
        ByteBuffer bigger = buffer(Math.max(bytes.capacity() * 2, bytes.position() + n));
        bytes = bigger.put(bytes.flip());
      }
      return bytes;
    }
  }

  /** Where a codec reads a state from. */
  public static final class In {
    private final ByteBuffer bytes;

    In(ByteBuffer bytes) {
      this.bytes = bytes;
    }

    public long getLong() {
      return bytes.getLong();
    }

    public int getInt() {
      return bytes.getInt();
    }

    public double getDouble() {
      return bytes.getDouble();
    }

    /** Reads an array {@link Out#putInts} wrote. */
    int[] getInts() {
      int[] v = new int[getInt()];
      bytes.asIntBuffer().get(v);
      bytes.position(bytes.position() + v.length * Integer.BYTES);
      return v;
    }

    /** Reads an array {@link Out#putLongs} wrote. */
    long[] getLongs() {
      long[] v = new long[getInt()];
      bytes.asLongBuffer().get(v);
      bytes.position(bytes.position() + v.length * Long.BYTES);
      return v;
    }
  }
}
