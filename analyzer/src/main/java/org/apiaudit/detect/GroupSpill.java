package org.apiaudit.detect;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apiaudit.UserException;

/**
 * The states of idle groups, written to a temporary file and read back when their group shows up
 * again. Over a long span most actors come and go (every citizen session has its own token), so a
 * correlator that measures over the whole window would otherwise hold every actor of the window
 * in memory; with this it holds the recently active ones plus a file offset per idle group.
 *
 * <p>A state is written whole, so a group read back continues exactly where it stopped and
 * findings do not depend on when groups were written out. The file holds global ordinals and
 * counts only, never a value from the logs, and is deleted when the spill is closed.
 *
 * <p>Records are {@code key, length, state} in append order; a key written again (its group came
 * back and went idle again) supersedes its earlier record.
 *
 * @param <S> per-group state
 */
final class GroupSpill<S> implements Closeable {
  /** Writes and reads every field of one group's state. */
  interface Codec<S> {
    void write(S state, DataOutput out) throws IOException;

    S read(DataInput in) throws IOException;
  }

  private static final int HEADER = Long.BYTES + Integer.BYTES;
  private static final long NONE = -1;

  private final Codec<S> codec;
  /** Offset of each key's latest record, or {@link #NONE} once read back. */
  private final LongLongMap offsets = new LongLongMap();
  private final Bytes state = new Bytes();
  private final DataOutputStream stateOut = new DataOutputStream(state);
  private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
  private long flushed;
  private int stored;
  private Path file;
  private FileChannel channel;

  GroupSpill(Codec<S> codec) {
    this.codec = codec;
  }

  /** How many groups are on disk (written and not read back). */
  int stored() {
    return stored;
  }

  /** Writes a group's state; the caller drops it from memory. */
  void store(long key, S s) {
    try {
      state.reset();
      codec.write(s, stateOut);
      int length = state.size();
      long at = flushed + pending.position();
      if (pending.remaining() < HEADER + length) {
        flush();
        if (pending.capacity() < HEADER + length) {
          pending = ByteBuffer.allocate(Integer.highestOneBit(HEADER + length) * 2);
        }
      }
      pending.putLong(key).putInt(length).put(state.array(), 0, length);
      if (offsets.get(key, NONE) == NONE) {
        stored++;
      }
      offsets.put(key, at);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Reads back and forgets the state of {@code key}; null when it is not on disk. */
  S restore(long key) {
    if (stored == 0) {
      return null;
    }
    long at = offsets.get(key, NONE);
    if (at == NONE) {
      return null;
    }
    try {
      flush();
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(header, at);
      if (header.getLong(0) != key) {
        throw new IllegalStateException("spill record at " + at + " is not group " + key);
      }
      ByteBuffer body = ByteBuffer.allocate(header.getInt(Long.BYTES));
      readFully(body, at + HEADER);
      offsets.put(key, NONE);
      stored--;
      return codec.read(new DataInputStream(new ByteArrayInputStream(body.array())));
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Visits every group still on disk, reading the file once from start to end. */
  void forEachStored(GroupedCorrelator.GroupVisitor<S> visitor) {
    if (stored == 0) {
      return;
    }
    try {
      flush();
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel.position(0)), 1 << 16));
      byte[] body = new byte[256];
      for (long at = 0; at < flushed; ) {
        long key = in.readLong();
        int length = in.readInt();
        if (body.length < length) {
          body = new byte[Integer.highestOneBit(length) * 2];
        }
        in.readFully(body, 0, length);
        if (offsets.get(key, NONE) == at) {
          visitor.visit(key, codec.read(new DataInputStream(new ByteArrayInputStream(body, 0, length))));
        }
        at += HEADER + length;
      }
    } catch (IOException e) {
      throw failure(e);
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

  private void flush() throws IOException {
    if (pending.position() == 0) {
      return;
    }
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
  }

  private void readFully(ByteBuffer buffer, long at) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new IOException("unexpected end of " + file);
      }
    }
  }

  private UserException failure(IOException e) {
    return new UserException("cannot keep idle detection state in " + (file == null ? "the temporary folder" : file)
        + " (" + e.getMessage() + "); set java.io.tmpdir to a folder with free space, e.g. "
        + "JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=/var/tmp");
  }

  /** A byte array output stream whose buffer can be read without a copy. */
  private static final class Bytes extends ByteArrayOutputStream {
    byte[] array() {
      return buf;
    }
  }
}
