package org.rehabtelemetry.gateway.storage;

/**
 * An opened store: where points go, how to ask it which seqs it holds, what to close at the end,
 * and a line for the start-up banner without secrets. Close it last.
 */
public record OpenStore(
    TimeSeriesSink sink, SeqQuery seqQuery, AutoCloseable resources, String description)
    implements AutoCloseable {

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
