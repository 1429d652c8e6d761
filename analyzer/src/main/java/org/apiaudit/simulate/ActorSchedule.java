package org.apiaudit.simulate;

/**
 * The actors waiting for their next step, earliest first, ties in insertion order.
 *
 * <p>Why not {@code java.util.PriorityQueue}: every event costs one removal and one insertion,
 * and with a comparator each level of the heap dereferences two actors. This 4-ary heap keeps
 * the keys in primitive arrays beside the actors, so sifting touches only a few cache lines and
 * the tree is half as deep.
 */
final class ActorSchedule {
  private static final int ARITY = 4;

  private long[] times = new long[1024];
  private long[] orders = new long[1024];
  private Actor[] actors = new Actor[1024];
  private int size;

  int size() {
    return size;
  }

  void add(Actor actor) {
    if (size == actors.length) {
      grow();
    }
    siftUp(size++, actor.nextTime, actor.order, actor);
  }

  /** Removes and returns the earliest actor, or null when none is left. */
  Actor poll() {
    if (size == 0) {
      return null;
    }
    Actor first = actors[0];
    int last = --size;
    if (last > 0) {
      siftDown(times[last], orders[last], actors[last]);
    }
    actors[last] = null;
    return first;
  }

  private void siftUp(int index, long time, long order, Actor actor) {
    while (index > 0) {
      int parent = (index - 1) / ARITY;
      if (!before(time, order, times[parent], orders[parent])) {
        break;
      }
      set(index, times[parent], orders[parent], actors[parent]);
      index = parent;
    }
    set(index, time, order, actor);
  }

  private void siftDown(long time, long order, Actor actor) {
    int index = 0;
    while (true) {
      int firstChild = index * ARITY + 1;
      if (firstChild >= size) {
        break;
      }
      int best = firstChild;
      int end = Math.min(firstChild + ARITY, size);
      for (int c = firstChild + 1; c < end; c++) {
        if (before(times[c], orders[c], times[best], orders[best])) {
          best = c;
        }
      }
      if (!before(times[best], orders[best], time, order)) {
        break;
      }
      set(index, times[best], orders[best], actors[best]);
      index = best;
    }
    set(index, time, order, actor);
  }

  private static boolean before(long time, long order, long otherTime, long otherOrder) {
    return time < otherTime || (time == otherTime && order < otherOrder);
  }

  private void set(int index, long time, long order, Actor actor) {
    times[index] = time;
    orders[index] = order;
    actors[index] = actor;
  }

  private void grow() {
    int n = actors.length * 2;
    times = java.util.Arrays.copyOf(times, n);
    orders = java.util.Arrays.copyOf(orders, n);
    actors = java.util.Arrays.copyOf(actors, n);
  }
}
