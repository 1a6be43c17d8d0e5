package org.rehabtelemetry.gateway.ingest;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.storage.LineEncoder;
import org.rehabtelemetry.gateway.storage.Lines;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.runtime.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one batch of arrivals and acknowledges each only when it is safe:
 *
 * <ul>
 *   <li>a refused arrival (invalid, out of its time window, past a cardinality bound) becomes a
 *       dead letter, fsynced, then acknowledged;
 *   <li>the rest is encoded and written in one request; on success the listeners hear each message
 *       was stored, then each is acknowledged;
 *   <li>a write the database refuses as bad data (a 400) is split in halves until the refused
 *       message is found, and only it becomes a dead letter;
 *   <li>a retryable failure (no answer, 5xx, 429) is retried with {@link Backoff} (doubling,
 *       capped, ±25 % jitter), acknowledging nothing meanwhile: the broker holds the backlog;
 *   <li>arrivals of an earlier connection are left unacknowledged: the broker delivers them again.
 * </ul>
 *
 * Runs on the ingest writer thread. Not thread-safe.
 */
final class BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  private record Encoded(Arrival arrival, Lines lines) {}

  private final TimeSeriesSink sink;
  private final DeadLetterStore deadLetters;
  private final InboundBroker broker;
  private final IngestListener listener;
  private final IngestStats stats;
  private final LongConsumer writeLatency;
  private final IngestSettings settings;
  private final BooleanSupplier running;
  private final java.util.function.LongSupplier connection;

  BatchWriter(
      TimeSeriesSink sink,
      DeadLetterStore deadLetters,
      InboundBroker broker,
      IngestListener listener,
      IngestStats stats,
      LongConsumer writeLatency,
      IngestSettings settings,
      BooleanSupplier running,
      java.util.function.LongSupplier connection) {
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.broker = broker;
    this.listener = listener;
    this.stats = stats;
    this.writeLatency = writeLatency;
    this.settings = settings;
    this.running = running;
    this.connection = connection;
  }

  void write(List<Arrival> batch) throws InterruptedException {
    List<Encoded> encoded = new ArrayList<>();
    for (Arrival arrival : batch) {
      if (arrival.refused() != null) {
        deadLetter(arrival, arrival.refused());
      } else if (arrival.message().type() == MessageType.COMMAND
          || arrival.message().type() == MessageType.LIVE) {
        // The gateway's own commands, and live previews (handled before the queue; here only for
        // completeness): nothing to store.
        broker.acknowledge(arrival.delivery());
        stats.stored.increment();
      } else {
        encoded.add(new Encoded(arrival, LineEncoder.encode(arrival.site(), arrival.message())));
      }
    }
    store(encoded);
  }

  private void store(List<Encoded> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    Lines lines = Lines.concat(batch.stream().map(Encoded::lines).toList());
    Backoff backoff = Backoff.withJitter(settings.retryInitial(), settings.retryMax());
    while (running.getAsBoolean()) {
      if (batch.get(0).arrival().delivery().connection() != connection.getAsLong()) {
        return; // received on an earlier connection: the broker delivers these again
      }
      long start = System.nanoTime();
      Optional<WriteFailure> failure = sink.write(lines);
      if (failure.isEmpty()) {
        stored(batch, lines, System.nanoTime() - start);
        return;
      }
      stats.writeFailures.increment();
      if (!failure.get().retry()) {
        if (batch.size() == 1) {
          deadLetter(batch.get(0).arrival(), "refused by the database: " + failure.get().reason());
          return;
        }
        int half = batch.size() / 2;
        store(new ArrayList<>(batch.subList(0, half)));
        store(new ArrayList<>(batch.subList(half, batch.size())));
        return;
      }
      Duration wait =
          failure.get().retryAfter().isZero() ? backoff.next() : failure.get().retryAfter();
      LOG.warn(
          "writing {} points failed ({}); retrying in {} ms, nothing acknowledged meanwhile",
          lines.points(),
          failure.get().reason(),
          wait.toMillis());
      Thread.sleep(wait.toMillis());
    }
  }

  private void stored(List<Encoded> batch, Lines lines, long tookNanos) {
    stats.lastWriteNanos.set(tookNanos);
    writeLatency.accept(tookNanos);
    stats.points.add(lines.points());
    for (Encoded e : batch) {
      listener.stored(e.arrival().site(), e.arrival().message());
    }
    for (Encoded e : batch) {
      broker.acknowledge(e.arrival().delivery());
      stats.stored.increment();
    }
  }

  private void deadLetter(Arrival arrival, String reason) throws InterruptedException {
    Backoff backoff = Backoff.withJitter(settings.retryInitial(), settings.retryMax());
    while (running.getAsBoolean()) {
      try {
        deadLetters.store(arrival.delivery().topic(), arrival.delivery().payload(), reason);
        LOG.warn("dead letter from {}: {}", printable(arrival.delivery().topic()), reason);
        if (!arrival.notAdmitted()) {
          listener.deadLettered(arrival.delivery().topic(), arrival.delivery().payload(), reason);
        }
        broker.acknowledge(arrival.delivery());
        stats.deadLettered.increment();
        return;
      } catch (UncheckedIOException e) {
        LOG.error("{}; the message stays unacknowledged", e.getMessage());
        Thread.sleep(backoff.next().toMillis());
      }
    }
  }

  /** A topic for a log line: a hostile one cannot forge lines or flood the log. */
  static String printable(String text) {
    String cut = text.length() > 120 ? text.substring(0, 120) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
