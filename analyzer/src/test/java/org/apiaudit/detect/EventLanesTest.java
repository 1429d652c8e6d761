package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every consumer on every lane sees every event, in order, then its finish; failures surface. */
class EventLanesTest {
  /** Records what it is fed, and on which thread. */
  private static final class Recorder implements EventConsumer {
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
