package org.rehabtelemetry.gateway.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.rehabtelemetry.runtime.threads.Termination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device messages from the broker and stores them, acknowledging each only when it is safe:
 *
 * <ol>
 *   <li>on the broker's delivery thread, each message is decoded strictly, checked against the time
 *       window and the {@link CardinalityGuard}, shown to the live listeners at once (before
 *       storage, so a database outage cannot hide an alarm), and queued in a weight-bounded {@link
 *       ArrivalQueue} (a full queue makes the broker hold the backlog);
 *   <li>the {@code ingest-writer} thread takes batches and hands them to the {@link BatchWriter},
 *       which stores, dead-letters, retries and acknowledges.
 * </ol>
 *
 * A connection loss clears the queue: MQTT packet ids are per connection, so nothing received
 * before it is acknowledged after it, and the broker delivers it again (a redelivery overwrites
 * itself in the store). A worker that dies ends the process ({@link FailFast}). {@link #start()}
 * and {@link #close()} once each.
 */
public final class Ingest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private final IngestSettings settings;
  private final InboundBroker broker;
  private final Admission admission;
  private final IngestListener listener;
  private final Clock clock;
  private final Heartbeat heartbeat;
  private final MessageCodec codec = new MessageCodec();
  private final IngestStats stats = new IngestStats();
  private final ArrivalQueue queue;
  private final BatchWriter writer;
  private volatile boolean running;
  private Thread thread;

  public Ingest(
      IngestSettings settings,
      InboundBroker broker,
      TimeSeriesSink sink,
      DeadLetterStore deadLetters,
      Admission admission,
      IngestListener listener,
      Clock clock,
      Heartbeat heartbeat,
      LongConsumer writeLatencyNanos) {
    this.settings = settings;
    this.broker = broker;
    this.admission = admission;
    this.listener = listener;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.queue = new ArrivalQueue(settings.maxQueueBytes());
    this.writer =
        new BatchWriter(
            sink,
            deadLetters,
            broker,
            listener,
            stats,
            writeLatencyNanos,
            settings,
            () -> running,
            broker::connection);
  }

  /**
   * Starts the writer and connects to the broker; blocks until connected.
   *
   * @throws IngestException if the broker cannot be reached
   */
  public synchronized void start() {
    running = true;
    thread = FailFast.start("ingest-writer", this::writeLoop);
    broker.start(new Handler());
  }

  public IngestStats stats() {
    return stats;
  }

  /** Messages received and not yet stored, dead-lettered or let go. */
  public int pending() {
    return queue.size();
  }

  /** Their weight in bytes of memory. */
  public long pendingWeight() {
    return queue.weight();
  }

  public boolean connected() {
    return broker.isConnected();
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      Termination.join(thread, 5_000);
    }
    broker.close();
  }

  private final class Handler implements InboundBroker.Handler {
    @Override
    public void arrived(Delivery delivery) throws InterruptedException {
      stats.received.increment();
      if (delivery.topic().endsWith("/" + MessageType.LIVE.wireName())) {
        preview(delivery);
        return;
      }
      String site = null;
      Message message = null;
      String refused = null;
      boolean notAdmitted = false;
      try {
        site = Topic.parse(delivery.topic()).site();
        message =
            codec.decode(delivery.topic(), delivery.payload(), clock.instant(), settings.window());
        refused = admission.refuse(site, message);
        notAdmitted = refused != null;
      } catch (ProtocolException e) {
        refused = "invalid message: " + e.getMessage();
        notAdmitted = !senderAdmitted(delivery.topic());
      }
      if (refused == null) {
        listener.arrived(site, message);
        queue.put(new Arrival(delivery, site, message, null, false));
      } else {
        queue.put(new Arrival(delivery, null, null, refused, notAdmitted));
      }
    }

    /**
     * A live preview never reaches the queue, the store or the dead letters: shown if valid and
     * admitted, else dropped and counted, and acknowledged here either way. A screen loses a moment
     * of a chart at worst; a refused preview does not flood the dead letters (an unset clock makes
     * every one of them refused) or weigh on the queue during a database outage.
     */
    private void preview(Delivery delivery) {
      try {
        String site = Topic.parse(delivery.topic()).site();
        Message message =
            codec.decode(delivery.topic(), delivery.payload(), clock.instant(), settings.window());
        if (admission.refuse(site, message) == null) {
          listener.arrived(site, message);
          stats.previews.increment();
        } else {
          stats.previewsDropped.increment();
        }
      } catch (ProtocolException e) {
        stats.previewsDropped.increment();
        LOG.debug("live preview dropped: {}", e.getMessage());
      }
      broker.acknowledge(delivery);
    }

    /** Whether the topic names a device the admission lets the gateway answer. */
    private boolean senderAdmitted(String topic) {
      try {
        Topic parsed = Topic.parse(topic);
        return admission.refuseDevice(parsed.site(), parsed.deviceId()) == null;
      } catch (ProtocolException e) {
        return false; // not even a device topic
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      int dropped = queue.clear();
      stats.redeliveriesExpected.add(dropped);
      LOG.warn(
          "broker connection lost ({}); {} unacknowledged messages will be delivered again",
          cause == null ? "?" : cause.getMessage(),
          dropped);
    }
  }

  private void writeLoop() {
    List<Arrival> batch = new ArrayList<>();
    while (running) {
      heartbeat.beat();
      try {
        queue.drain(
            batch,
            settings.maxBatchMessages(),
            settings.maxBatchBytes(),
            200,
            TimeUnit.MILLISECONDS);
        if (!batch.isEmpty()) {
          writer.write(batch);
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }
}
