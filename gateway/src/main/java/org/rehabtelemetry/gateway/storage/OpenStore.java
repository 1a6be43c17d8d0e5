package org.rehabtelemetry.gateway.storage;

import java.util.Optional;
import org.rehabtelemetry.records.archive.SessionArchive;

/**
 * An opened store: where points go, how to ask it which seqs it holds, what to close at the end, a
 * line for the start-up banner without secrets, and the clinical records read back from it where
 * that is built (the embedded store). Close it last.
 */
public record OpenStore(
    TimeSeriesSink sink,
    SeqQuery seqQuery,
    AutoCloseable resources,
    String description,
    Optional<SessionArchive> archive)
    implements AutoCloseable {

  /** A store whose records are not read back. */
  public OpenStore(
      TimeSeriesSink sink, SeqQuery seqQuery, AutoCloseable resources, String description) {
    this(sink, seqQuery, resources, description, Optional.empty());
  }

  @Override
  public void close() {
    sink.close();
    try {
      resources.close();
    } catch (Exception e) {
      // Closing an embedded server: nothing left to save.
    }
  }
}
