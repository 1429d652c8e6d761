package org.apiaudit.detect.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands the scanned event stream to consumers (coverage, correlators) running on a few threads,
 * "lanes", beside the scanning thread, so that decoding events and correlating them overlap.
 *
 * <p>Every lane sees every event, in scan order, and each consumer belongs to exactly one lane:
 * its state is only ever touched by that thread, so what it computes does not depend on
 * scheduling. Events are copied into batches from a fixed ring, which the scanner waits for
 * when the lanes fall behind: memory stays bounded whatever the number of events. A failure on
 * a lane (a consumer's exception, or the heap running out) stops the scan at its next batch and
 * is rethrown to the scanning thread, which never waits on a lane that has stopped.
 */
public final class EventLanes implements AutoCloseable {
  private static final int BATCH = 1024;
  private static final int BATCHES = 8;
  /** How often the scanner, waiting on the lanes, checks whether one has failed. */
  private static final long CHECK_MS = 50;

  /** A run of events, read by every lane before it goes back to the ring. */
  private static final class Batch {
    final ScanEvent[] events;
    int size;
    boolean last;
    final AtomicInteger readers = new AtomicInteger();

    Batch(ScanEvent prototype) {
      events = new ScanEvent[BATCH];
      for (int i = 0; i < BATCH; i++) {
        events[i] = prototype.emptyCopy();
      }
    }
  }

  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
  private final List<BlockingQueue<Batch>> inboxes = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private Batch current;
  private boolean finished;

  /**
   * Starts one thread per lane.
   *
   * @param lanes the consumers of each lane, each fed in list order for every event
   * @param prototype an event of the shape the scanner fills (rule and column counts)
   */
  public EventLanes(List<List<EventConsumer>> lanes, ScanEvent prototype) {
    for (int i = 0; i < BATCHES; i++) {
      free.add(new Batch(prototype));
    }
    for (int i = 0; i < lanes.size(); i++) {
      BlockingQueue<Batch> inbox = new ArrayBlockingQueue<>(BATCHES);
      EventConsumer[] consumers = lanes.get(i).toArray(new EventConsumer[0]);
      Thread t = new Thread(() -> run(inbox, consumers), "detect-lane-" + i);
      t.setDaemon(true);
      inboxes.add(inbox);
      threads.add(t);
    }
    threads.forEach(Thread::start);
  }

  /** Queues a copy of {@code e} (the scanner reuses its event) for every lane. */
  public void accept(ScanEvent e) {
    if (current == null) {
      rethrowFailure();
      current = takeFree();
    }
    current.events[current.size++].copyFrom(e);
    if (current.size == BATCH) {
      handOver(false);
    }
  }

  /**
   * Ends the stream: each lane finishes its consumers ({@link EventConsumer#finish()}) once it
   * has fed them every event. Waits for that and rethrows a consumer's failure.
   */
  public void finish() {
    if (!finished) {
      finished = true;
      try {
        if (failure.get() == null) {
          if (current == null) {
            current = takeFree();
          }
          handOver(true);
          for (Thread t : threads) {
            t.join();
          }
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while correlating", ie);
      } finally {
        if (failure.get() != null) {
          threads.forEach(Thread::interrupt); // lanes still waiting for batches that will not come
        }
      }
    }
    rethrowFailure();
  }

  private void rethrowFailure() {
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Stops the lanes when the scan ends without {@link #finish()}: its failure (or a lane's,
   * already thrown by {@link #accept}) is on its way up, so this throws nothing.
   */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      failure.compareAndSet(null, new IllegalStateException("scan failed"));
      threads.forEach(Thread::interrupt);
    }
  }

  private void handOver(boolean last) {
    Batch b = current;
    current = null;
    b.last = last;
    b.readers.set(inboxes.size());
    try {
      for (BlockingQueue<Batch> inbox : inboxes) {
        while (!inbox.offer(b, CHECK_MS, TimeUnit.MILLISECONDS)) {
          rethrowFailure(); // a lane that stopped takes no more batches
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while correlating", ie);
    }
  }

  private void run(BlockingQueue<Batch> inbox, EventConsumer[] consumers) {
    try {
      Feeder feeder = new Feeder(consumers);
      while (true) {
        Batch b = inbox.take();
        if (failure.get() == null) {
          for (int i = 0; i < b.size; i++) {
            feeder.feed(b.events[i]);
          }
        }
        boolean last = b.last;
        if (b.readers.decrementAndGet() == 0) {
          b.size = 0;
          b.last = false;
          free.add(b);
        }
        if (last) {
          if (failure.get() == null) {
            for (EventConsumer c : consumers) {
              c.finish();
            }
          }
          return;
        }
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t); // the scanner sees it at its next batch and stops
    }
  }

  /**
   * Feeds an event to the consumers of one lane that want it: those without a rule mask, and
   * those with a rule the event matched, found from the matched rules rather than by testing
   * every consumer's mask (most events match a few rules or none, and a lane has dozens of
   * consumers). Each consumer is fed an event at most once.
   */
  private static final class Feeder {
    private final EventConsumer[] consumers;
    private final EventConsumer[] unmasked;
    /** Per rule index, the consumers (indices into {@code consumers}) whose mask has it. */
    private final int[][] byRule;
    /** Per consumer, the number of the last event fed to it. */
    private final long[] fedAt;
    private long seq;

    Feeder(EventConsumer[] consumers) {
      this.consumers = consumers;
      this.fedAt = new long[consumers.length];
      List<EventConsumer> all = new ArrayList<>();
      List<List<Integer>> rules = new ArrayList<>();
      for (int c = 0; c < consumers.length; c++) {
        long[] mask = consumers[c].ruleMask();
        if (mask == null) {
          all.add(consumers[c]);
          continue;
        }
        for (int w = 0; w < mask.length; w++) {
          for (long bits = mask[w]; bits != 0; bits &= bits - 1) {
            int rule = (w << 6) + Long.numberOfTrailingZeros(bits);
            while (rules.size() <= rule) {
              rules.add(new ArrayList<>());
            }
            rules.get(rule).add(c);
          }
        }
      }
      unmasked = all.toArray(new EventConsumer[0]);
      byRule = rules.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    void feed(ScanEvent e) {
      seq++;
      for (EventConsumer c : unmasked) {
        c.accept(e);
      }
      long[] matched = e.matched;
      for (int w = 0; w < matched.length; w++) {
        for (long bits = matched[w]; bits != 0; bits &= bits - 1) {
          int rule = (w << 6) + Long.numberOfTrailingZeros(bits);
          if (rule >= byRule.length) {
            break;
          }
          for (int c : byRule[rule]) {
            if (fedAt[c] != seq) {
              fedAt[c] = seq;
              consumers[c].accept(e);
            }
          }
        }
      }
    }
  }

  /** A free batch; while the lanes hold them all, checks now and then whether one has failed. */
  private Batch takeFree() {
    try {
      while (true) {
        Batch b = free.poll(CHECK_MS, TimeUnit.MILLISECONDS);
        if (b != null) {
          return b;
        }
        rethrowFailure(); // a lane that stopped gives no batches back
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while correlating", ie);
    }
  }

  /**
   * Deals consumers onto {@code n} lanes, costliest first, each to the lane with the least
   * {@link EventConsumer#cost} so far (ties to the first), so that no lane waits on two of the
   * heaviest. Consumers of equal cost keep their order, so the lanes are the same every run.
   */
  public static List<List<EventConsumer>> deal(List<EventConsumer> consumers, int n) {
    List<List<EventConsumer>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(n, consumers.size()); i++) {
      lanes.add(new ArrayList<>());
    }
    int[] load = new int[lanes.size()];
    List<EventConsumer> byCost = new ArrayList<>(consumers);
    byCost.sort(Comparator.comparingInt(EventConsumer::cost).reversed());
    for (EventConsumer c : byCost) {
      int lightest = 0;
      for (int i = 1; i < load.length; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      lanes.get(lightest).add(c);
      load[lightest] += c.cost();
    }
    return lanes;
  }
}
