package org.apiaudit.ingest;

import org.apiaudit.schema.Event;

/** What one worker thread reuses from batch to batch: its event and normalizer. */
final class WorkerState {
  final Event event = new Event();
  final EventNormalizer normalizer;

  WorkerState(EventNormalizer normalizer) {
    this.normalizer = normalizer;
  }
}
