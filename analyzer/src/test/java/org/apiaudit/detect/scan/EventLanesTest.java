package org.apiaudit.detect.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every consumer on every lane sees every event, in order, then its finish; failures surface. */
class EventLanesTest {
  /** Records what it is fed, and on which thread. */
  private static class Recorder implements EventConsumer {
    final List<Long> times = new ArrayList<>();
    final List<Integer> ords = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    int finished;
    int eventsAtFinish = -1;

    @Override
    public void accept(ScanEvent e) {
      times.add(e.timestamp);
      ords.add(e.ord(1));
      threads.add(Thread.currentThread());
    }

    @Override
    public void finish() {
      finished++;
      eventsAtFinish = times.size();
    }
  }

  @Test
  void everyConsumerSeesEveryEventInOrder() {
    int n = 50_000; // many times the ring
    List<Recorder> recorders = List.of(new Recorder(), new Recorder(), new Recorder());
    ScanEvent event = new ScanEvent(70, 2, 1);
    try (EventLanes lanes = new EventLanes(List.of(List.of(recorders.get(0), recorders.get(1)),
        List.of(recorders.get(2))), event)) {
      for (int i = 0; i < n; i++) {
        event.timestamp = i;
        event.ords[1] = i * 7;
        lanes.accept(event);
      }
      lanes.finish();
    }
    for (Recorder r : recorders) {
      assertEquals(n, r.times.size());
      for (int i = 0; i < n; i++) {
        assertEquals(i, r.times.get(i));
        assertEquals(i * 7, r.ords.get(i));
      }
      assertEquals(1, r.finished);
      assertEquals(n, r.eventsAtFinish);
      assertTrue(r.threads.stream().allMatch(t -> t == r.threads.get(0)), "one thread per consumer");
      assertTrue(r.threads.get(0) != Thread.currentThread());
    }
    assertSame(recorders.get(0).threads.get(0), recorders.get(1).threads.get(0));
    assertTrue(recorders.get(0).threads.get(0) != recorders.get(2).threads.get(0));
  }

  /** A recorder fed only events of some rules, of a given cost. */
  private static final class MaskedRecorder extends Recorder {
    final long[] mask;
    final int cost;

    MaskedRecorder(int cost, int... rules) {
      this.mask = ScanEvent.mask(rules);
      this.cost = cost;
    }

    @Override
    public long[] ruleMask() {
      return mask;
    }

    @Override
    public int cost() {
      return cost;
    }
  }

  @Test
  void aMaskedConsumerGetsEachEventOfItsRulesOnceAndNoOther() {
    MaskedRecorder lowAndHigh = new MaskedRecorder(1, 3, 66);
    MaskedRecorder none = new MaskedRecorder(1, 69);
    Recorder all = new Recorder();
    ScanEvent event = new ScanEvent(70, 2, 0);
    List<Long> expected = new ArrayList<>();
    try (EventLanes lanes = new EventLanes(List.of(List.of(lowAndHigh, none, all)), event)) {
      for (int i = 0; i < 5_000; i++) {
        event.timestamp = i;
        java.util.Arrays.fill(event.matched, 0);
        if (i % 3 == 0) {
          event.matched[0] |= 1L << 3;
        }
        if (i % 5 == 0) {
          event.matched[1] |= 1L << (66 - 64); // both rules at once every 15th event
        }
        if (i % 7 == 0) {
          event.matched[0] |= 1L << 4; // a rule no consumer has
        }
        if (i % 3 == 0 || i % 5 == 0) {
          expected.add((long) i);
        }
        lanes.accept(event);
      }
      lanes.finish();
    }
    assertEquals(expected, lowAndHigh.times);
    assertEquals(List.of(), none.times);
    assertEquals(5_000, all.times.size());
  }

  @Test
  void theCostliestConsumersGoToDifferentLanes() {
    MaskedRecorder heavyA = new MaskedRecorder(4, 0);
    MaskedRecorder heavyB = new MaskedRecorder(4, 0);
    List<EventConsumer> light = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      light.add(new MaskedRecorder(1, 0));
    }
    List<EventConsumer> consumers = new ArrayList<>(light.subList(0, 3));
    consumers.add(heavyA);
    consumers.addAll(light.subList(3, 6));
    consumers.add(heavyB);
    List<List<EventConsumer>> lanes = EventLanes.deal(consumers, 2);
    assertEquals(2, lanes.size());
    assertTrue(lanes.get(0).contains(heavyA) != lanes.get(0).contains(heavyB), "one heavy consumer per lane");
    assertEquals(7, lanes.get(0).stream().mapToInt(EventConsumer::cost).sum());
    assertEquals(7, lanes.get(1).stream().mapToInt(EventConsumer::cost).sum());
    assertEquals(List.of(heavyA, light.get(0), light.get(2), light.get(4)), lanes.get(0));
  }

  @Test
  void aLaneThatRunsOutOfMemoryStopsTheScanInsteadOfHangingIt() {
    EventConsumer starved = e -> {
      if (e.timestamp == 5_000) {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    Recorder other = new Recorder();
    ScanEvent event = new ScanEvent(1, 2, 0);
    long[] fedBeforeStop = {0};
    OutOfMemoryError thrown = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> assertThrows(OutOfMemoryError.class, () -> {
          try (EventLanes lanes = new EventLanes(List.of(List.of(starved), List.of(other)), event)) {
            for (int i = 0; i < 10_000_000; i++) {
              event.timestamp = i;
              lanes.accept(event);
              fedBeforeStop[0] = i;
            }
            lanes.finish();
          }
        }));
    assertEquals("Java heap space", thrown.getMessage());
    assertTrue(fedBeforeStop[0] < 100_000, "the scan stops soon after: " + fedBeforeStop[0]);
  }

  @Test
  void anEmptyStreamIsStillFinished() {
    Recorder r = new Recorder();
    try (EventLanes lanes = new EventLanes(List.of(List.of(r)), new ScanEvent(1, 2, 0))) {
      lanes.finish();
    }
    assertEquals(1, r.finished);
    assertEquals(0, r.eventsAtFinish);
  }

  @Test
  void aConsumerFailureIsRethrownWithoutBlockingTheScanner() {
    EventConsumer failing = e -> {
      if (e.timestamp == 10) {
        throw new IllegalArgumentException("boom");
      }
    };
    Recorder other = new Recorder();
    ScanEvent event = new ScanEvent(1, 2, 0);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> {
      try (EventLanes lanes = new EventLanes(List.of(List.of(failing), List.of(other)), event)) {
        for (int i = 0; i < 100_000; i++) {
          event.timestamp = i;
          lanes.accept(event);
        }
        lanes.finish();
      }
    });
    assertEquals("boom", thrown.getMessage());
  }
}
