package org.apiaudit.simulate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes filled chunks on a second thread, so that formatting (one core) and writing or gzip
 * compression (the other core) overlap. Chunks are recycled through a small pool, which bounds
 * memory and makes the generator wait when the disk is slower than it.
 *
 * <p>Order is preserved: one queue, one writer thread; a file is closed after its last chunk.
 */
final class ChunkWriter implements AutoCloseable {
  private static final int POOL = 4;

  private record Task(OutputStream out, byte[] data, int length, boolean close, String name) {}

  private static final Task STOP = new Task(null, null, 0, false, null);

  private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(POOL + 2);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
  private final Thread thread;
  private volatile UncheckedIOException failure;

  ChunkWriter(int chunkCapacity) {
    for (int i = 0; i < POOL - 1; i++) {
      free.add(new byte[chunkCapacity]);
    }
    thread = new Thread(this::run, "simulate-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code length} bytes of {@code data} for {@code out}; returns an empty chunk. */
  byte[] write(OutputStream out, byte[] data, int length, String name) {
    checkFailure();
    put(new Task(out, data, length, false, name));
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + name, e);
    }
  }

  /** Queues closing {@code out} after everything queued before. */
  void close(OutputStream out, String name) {
    checkFailure();
    put(new Task(out, null, 0, true, name));
  }

  /** Waits until every queued chunk is written and stops the thread. */
  @Override
  public void close() {
    put(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkFailure();
  }

  private void put(Task task) {
    try {
      tasks.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void checkFailure() {
    if (failure != null) {
      throw failure;
    }
  }

  private void run() {
    while (true) {
      Task task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == STOP) {
        return;
      }
      if (failure != null) {
        if (task.data != null) {
          free.offer(task.data);
        }
        continue;
      }
      try {
        if (task.data != null) {
          task.out.write(task.data, 0, task.length);
        }
        if (task.close) {
          task.out.close();
        }
      } catch (IOException e) {
        failure = new UncheckedIOException("cannot write " + task.name, e);
      } finally {
        if (task.data != null) {
          free.offer(task.data);
        }
      }
    }
  }
}
