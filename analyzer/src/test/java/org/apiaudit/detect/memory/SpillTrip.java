package org.apiaudit.detect.memory;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** Sends a state through a {@link GroupSpill} and back, for tests of the state's own write and read. */
final class SpillTrip {
  private SpillTrip() {}

  static <S> S of(S state, BiConsumer<S, GroupSpill.Out> write, Function<GroupSpill.In, S> read) {
    GroupSpill.Codec<S> codec = new GroupSpill.Codec<>() {
      @Override
      public void write(S s, GroupSpill.Out out) {
        write.accept(s, out);
      }

      @Override
      public S read(GroupSpill.In in) {
        return read.apply(in);
      }
    };
    try (GroupSpill<S> spill = new GroupSpill<>(codec, -1)) {
      spill.store(5, state);
      return spill.restore(5);
    }
  }
}
