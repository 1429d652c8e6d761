package org.apiaudit.detect.memory;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where each group's latest record lies in a {@link GroupSpill}, or {@link #NONE}. Groups keyed
 * by one global ordinal (an address, a token) have dense keys below the field's value count:
 * their offsets live in a memory-mapped temporary file indexed by key, outside the Java heap, so
 * millions of idle session tokens cost the heap nothing. Other keys (two ordinals packed) use a
 * {@link LongLongMap} on the heap.
 */
abstract class SpillOffsets {
  static final long NONE = -1;

  abstract long get(long key);

  abstract void put(long key, long offset);

  /** Offsets for keys in {@code [0, keys)}, or any long key when {@code keys} is negative. */
  static SpillOffsets create(long keys) throws IOException {
    return keys >= 0 && keys < Integer.MAX_VALUE / Long.BYTES ? new Mapped((int) keys) : new OnHeap();
  }

  private static final class OnHeap extends SpillOffsets {
    private final LongLongMap map = new LongLongMap();

    @Override
    long get(long key) {
      return map.get(key, NONE);
    }

    @Override
    void put(long key, long offset) {
      map.put(key, offset);
    }
  }

  /** Offset + 1 per key (0: none) in a sparse file; pages never touched take no memory or disk. */
  private static final class Mapped extends SpillOffsets {
    private final LongBuffer offsets;

    Mapped(int keys) throws IOException {
      Path file = Files.createTempFile("apiaudit-offsets-", ".spill");
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE, StandardOpenOption.SPARSE)) {
        offsets = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) Math.max(1, keys) * Long.BYTES)
            .order(ByteOrder.nativeOrder()).asLongBuffer();
      }
    }

    @Override
    long get(long key) {
      return offsets.get((int) key) - 1;
    }

    @Override
    void put(long key, long offset) {
      offsets.put((int) key, offset + 1);
    }
  }
}
