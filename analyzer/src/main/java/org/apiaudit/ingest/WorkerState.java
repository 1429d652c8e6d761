package org.apiaudit.ingest;

import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.schema.Event;

/** What one worker thread reuses from batch to batch: its event, normalizer and builder. */
final class WorkerState {
  final Event event = new Event();
  final EventNormalizer normalizer;
  final EventDocumentBuilder builder = new EventDocumentBuilder();

  WorkerState(EventNormalizer normalizer) {
    this.normalizer = normalizer;
  }
}
