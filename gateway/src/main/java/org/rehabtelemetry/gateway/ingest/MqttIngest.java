package org.rehabtelemetry.gateway.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.gateway.storage.Point;
import org.rehabtelemetry.gateway.storage.PointMapper;
import org.rehabtelemetry.gateway.storage.TimeSeriesSink;
import org.rehabtelemetry.gateway.storage.WriteFailure;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device messages from the broker and stores them, acknowledging each only when it is safe.
 *
 * <ul>
 *   <li>A shared subscription ({@code $share/GROUP/rehab/v1/+/+/+}) with a persistent session and
 *       manual acks: gateways of one group split the load, and while a gateway is down or slow the
 *       broker keeps the unacknowledged messages. Paho calls no per-subscription listener for
 *       {@code $share} topics, so the client-wide callback receives them.
 *   <li>The callback only hands messages to a bounded queue; the {@code ingest-writer} thread
 *       decodes, maps and writes them in batches, then acknowledges the batch.
 *   <li>Invalid messages and messages the database refuses as bad data (found by splitting a
 *       refused batch) become dead letters, stored durably, then acknowledged. Retryable failures
 *       (database down, timeouts, 5xx, 429) are retried with backoff and nothing is acknowledged
 *       meanwhile, so memory stays bounded and the broker holds the backlog.
 *   <li>MQTT message ids are reused per connection, so a message received before a reconnect is
 *       never acknowledged after it (that could acknowledge another message); the broker delivers
 *       it again instead, and its points overwrite themselves.
 * </ul>
 *
 * <p>{@link #start()} and {@link #close()} once each.
 */
public final class MqttIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

  /**
   * A message as received: decoded on arrival, or with the reason it is invalid.
   *
   * @param site the topic's site, null if invalid
   * @param message the decoded message, null if invalid
   * @param invalid why it cannot be decoded, or null
   */
  private record Received(
      String topic,
      byte[] payload,
      int id,
      int qos,
      int generation,
      String site,
      Message message,
      String invalid) {}

  private final IngestSettings settings;
  private final TimeSeriesSink sink;
  private final DeadLetterStore deadLetters;
  private final IngestListener listener;
  private final MessageCodec codec = new MessageCodec();
  private final BlockingQueue<Received> queue;
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicLong storedMessages = new AtomicLong();
  private final AtomicLong storedPoints = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();
  private final AtomicLong lastWriteNanos = new AtomicLong();
  private final org.rehabtelemetry.gateway.web.LatencyHistogram writeLatency =
      new org.rehabtelemetry.gateway.web.LatencyHistogram();
  private volatile boolean running;
  private MqttAsyncClient client;
  private Thread writer;

  public MqttIngest(
      IngestSettings settings,
      TimeSeriesSink sink,
      DeadLetterStore deadLetters,
      IngestListener listener) {
    this.settings = settings;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.listener = listener;
    this.queue = new ArrayBlockingQueue<>(settings.maxQueue());
  }

  public synchronized void start() throws MqttException {
    running = true;
    writer = new Thread(this::writeLoop, "ingest-writer");
    writer.start();
    client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
    client.setManualAcks(true);
    client.setCallback(new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(5_000);
    options.setMaxInflight(Math.max(10, settings.maxQueue()));
    options.setKeepAliveInterval(15);
    client.connect(options).waitForCompletion(15_000);
    LOG.info(
        "ingest connected to {} as {}, storing into {}",
        settings.uri(),
        settings.clientId(),
        sink.describe());
  }

  public long storedMessages() {
    return storedMessages.get();
  }

  public long storedPoints() {
    return storedPoints.get();
  }

  public long writeFailures() {
    return writeFailures.get();
  }

  /** How long the last successful database write took, in nanoseconds. */
  public long lastWriteNanos() {
    return lastWriteNanos.get();
  }

  /** The durations of every successful database write. */
  public org.rehabtelemetry.gateway.web.LatencyHistogram writeLatency() {
    return writeLatency;
  }

  /** Messages received and not yet stored or dead-lettered. */
  public int inFlight() {
    return queue.size();
  }

  @Override
  public synchronized void close() {
    running = false;
    if (writer != null) {
      writer.interrupt();
      try {
        writer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (client != null) {
      try {
        if (client.isConnected()) {
          client.disconnect().waitForCompletion(2_000);
        }
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("closing the MQTT client: {}", e.getMessage());
      }
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      try {
        client.subscribe(
            settings.shareGroup() == null
                ? Topic.ALL
                : Topic.shared(settings.shareGroup(), Topic.ALL),
            1);
      } catch (MqttException e) {
        LOG.error("subscribing failed: {}", e.getMessage());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      int dropped = queue.size();
      generation.incrementAndGet();
      queue.clear();
      LOG.warn(
          "broker connection lost ({}); {} unacknowledged messages will be delivered again",
          cause == null ? "?" : cause.getMessage(),
          dropped);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      String site = null;
      Message decoded = null;
      String invalid = null;
      try {
        site = Topic.parse(topic).site();
        decoded = codec.decode(topic, message.getPayload());
      } catch (ProtocolException e) {
        invalid = "invalid message: " + e.getMessage();
      }
      if (decoded != null) {
        try {
          listener.arrived(site, decoded);
        } catch (RuntimeException e) {
          LOG.error("listener failed for an arriving message from {}", topic, e);
        }
      }
      queue.put(
          new Received(
              topic,
              message.getPayload(),
              message.getId(),
              message.getQos(),
              generation.get(),
              site,
              decoded,
              invalid));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }

  private void writeLoop() {
    List<Received> batch = new ArrayList<>();
    while (running) {
      try {
        Received first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, settings.maxBatchMessages() - 1);
        process(batch);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("ingest batch failed; its messages stay unacknowledged and come again", e);
      } finally {
        batch.clear();
      }
    }
  }

  private record Decoded(Received received, String site, Message message, List<Point> points) {}

  private void process(List<Received> batch) throws InterruptedException {
    List<Decoded> decoded = new ArrayList<>();
    for (Received received : batch) {
      if (received.invalid() != null) {
        deadLetter(received, received.invalid());
      } else if (received.message().type() == MessageType.COMMAND) {
        ack(received);
      } else {
        decoded.add(
            new Decoded(
                received,
                received.site(),
                received.message(),
                PointMapper.points(received.site(), received.message())));
      }
    }
    storeWithRetry(decoded);
  }

  /** Stores the batch; on a refusal of the data, splits it to find and dead-letter the culprits. */
  private void storeWithRetry(List<Decoded> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    List<Point> points = new ArrayList<>();
    batch.forEach(d -> points.addAll(d.points()));
    Duration delay = settings.retryInitial();
    while (running) {
      if (batch.get(0).received().generation() != generation.get()) {
        return; // received on an earlier connection: the broker delivers these again
      }
      long writeStart = System.nanoTime();
      Optional<WriteFailure> failure = sink.write(points);
      if (failure.isEmpty()) {
        long took = System.nanoTime() - writeStart;
        lastWriteNanos.set(took);
        writeLatency.record(took);
        storedPoints.addAndGet(points.size());
        for (Decoded d : batch) {
          ack(d.received());
          storedMessages.incrementAndGet();
        }
        for (Decoded d : batch) {
          try {
            listener.stored(d.site(), d.message());
          } catch (RuntimeException e) {
            LOG.error(
                "listener failed for a stored message from {}; the data is stored",
                d.received().topic(),
                e);
          }
        }
        return;
      }
      writeFailures.incrementAndGet();
      if (!failure.get().retry()) {
        if (batch.size() == 1) {
          deadLetter(batch.get(0).received(), "refused by the database: " + failure.get().reason());
          return;
        }
        int half = batch.size() / 2;
        storeWithRetry(new ArrayList<>(batch.subList(0, half)));
        storeWithRetry(new ArrayList<>(batch.subList(half, batch.size())));
        return;
      }
      Duration wait = failure.get().retryAfter().isZero() ? delay : failure.get().retryAfter();
      LOG.warn(
          "writing {} points failed ({}); retrying in {} ms, nothing acknowledged meanwhile",
          points.size(),
          failure.get().reason(),
          wait.toMillis());
      Thread.sleep(wait.toMillis());
      delay =
          delay.multipliedBy(2).compareTo(settings.retryMax()) > 0
              ? settings.retryMax()
              : delay.multipliedBy(2);
    }
  }

  private void deadLetter(Received received, String reason) throws InterruptedException {
    Duration delay = settings.retryInitial();
    while (running) {
      try {
        deadLetters.store(received.topic(), received.payload(), reason);
        LOG.warn("dead letter from {}: {}", received.topic(), reason);
        ack(received);
        return;
      } catch (java.io.UncheckedIOException e) {
        LOG.error("{}; the message stays unacknowledged", e.getMessage());
        Thread.sleep(delay.toMillis());
        delay =
            delay.multipliedBy(2).compareTo(settings.retryMax()) > 0
                ? settings.retryMax()
                : delay.multipliedBy(2);
      }
    }
  }

  private void ack(Received received) {
    if (received.generation() != generation.get()) {
      return;
    }
    try {
      client.messageArrivedComplete(received.id(), received.qos());
    } catch (MqttException e) {
      LOG.debug(
          "ack of message {} failed ({}); the broker will deliver it again",
          received.id(),
          e.getMessage());
    }
  }
}
