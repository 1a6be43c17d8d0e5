package org.rehabtelemetry.agent.publish;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.retry.Backoff;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the journal over MQTT, in id order, and marks each record sent when the broker
 * acknowledges it.
 *
 * <p>One named thread ({@code journal-publisher}) connects with the device's {@code offline} status
 * as Last Will, publishes the birth ({@code online}, retained), then sends durable unsent records
 * with at most {@code window} unacknowledged at a time and at most {@code maxMessagesPerSecond}, so
 * a long outage's backlog drains without flooding the broker. When the connection drops it
 * reconnects with capped exponential backoff and jitter, and starts again from the first
 * unacknowledged record: records in flight at the drop are sent again (the gateway writes them
 * idempotently), and nothing is skipped.
 *
 * <p>{@link #start()} and {@link #close()} are called once each, from any thread.
 */
public final class JournalPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalPublisher.class);
  private static final long IDLE_WAIT_MILLIS = 50;

  private final Journal journal;
  private final MqttTransport transport;
  private final MqttSettings settings;
  private final String site;
  private final String deviceId;
  private final Supplier<DeviceStatus> birth;
  private final Supplier<DeviceStatus> will;
  private final Backoff backoff;
  private final MessageCodec codec = new MessageCodec();
  private final RateLimiter limiter;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object signal = new Object();

  /** How many times {@link #wake()} signalled; guarded by {@code signal}. */
  private long wakeups;

  private volatile boolean running;
  private volatile boolean connectionLost;
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicLong published = new AtomicLong();
  private volatile Heartbeat heartbeat = Heartbeat.NONE;
  private Thread thread;

  /**
   * @param birth the status to publish on every connect ({@code online})
   * @param will the status the broker publishes if the connection is lost ({@code offline})
   */
  public JournalPublisher(
      Journal journal,
      MqttTransport transport,
      MqttSettings settings,
      String site,
      String deviceId,
      Supplier<DeviceStatus> birth,
      Supplier<DeviceStatus> will) {
    this.journal = journal;
    this.transport = transport;
    this.settings = settings;
    this.site = site;
    this.deviceId = deviceId;
    this.birth = birth;
    this.will = will;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax(), Math::random);
    this.limiter = new RateLimiter(settings.maxMessagesPerSecond(), System::nanoTime);
  }

  public synchronized void start() {
    running = true;
    thread = FailFast.start("journal-publisher", this::run);
  }

  /** Beaten on every turn of the publishing loop (at least every 50 ms, or every reconnect). */
  public void heartbeat(Heartbeat loopHeartbeat) {
    this.heartbeat = loopHeartbeat;
  }

  /** Records handed to the broker since start. */
  public long published() {
    return published.get();
  }

  /** Whether the broker connection is up. */
  public boolean isConnected() {
    return transport.isConnected() && !connectionLost;
  }

  /** Publishes a status outside the journal (retained), e.g. when the session changes. */
  public void publishStatus(DeviceStatus status) {
    if (isConnected()) {
      try {
        transport.publish(topic(MessageType.STATUS), codec.encode(status), true, () -> {});
      } catch (TransportException e) {
        LOG.debug("status not published now ({}); the next birth carries it", e.getMessage());
      }
    }
  }

  /** Stops the thread and disconnects cleanly; unacknowledged records stay in the journal. */
  @Override
  public void close() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    transport.close();
  }

  private void run() {
    while (running) {
      heartbeat.beat();
      if (!isConnected() && !connect()) {
        pause(backoff.next().toMillis());
        continue;
      }
      sendUntilDisconnected();
    }
  }

  private boolean connect() {
    int thisConnection = generation.incrementAndGet();
    connectionLost = false;
    try {
      transport.connect(
          new MqttTransport.Will(topic(MessageType.STATUS), codec.encode(will.get())),
          cause -> {
            if (thisConnection != generation.get()) {
              return; // a late report about an earlier connection
            }
            connectionLost = true;
            LOG.warn("broker connection lost: {}", cause == null ? "?" : cause.getMessage());
            wake();
          });
      transport.publish(topic(MessageType.STATUS), codec.encode(birth.get()), true, () -> {});
    } catch (TransportException e) {
      LOG.warn("{}; retrying", e.getMessage());
      return false;
    }
    backoff.reset();
    inFlight.set(0);
    LOG.info("connected to {}; sending from record {}", settings.uri(), journal.sentFrontier() + 1);
    return true;
  }

  private void sendUntilDisconnected() {
    long cursor = journal.sentFrontier();
    while (running && isConnected()) {
      heartbeat.beat();
      int room = settings.window() - inFlight.get();
      List<JournalRecord> records = room > 0 ? journal.readUnsent(cursor, room) : List.of();
      if (records.isEmpty()) {
        pause(IDLE_WAIT_MILLIS);
        continue;
      }
      for (JournalRecord record : records) {
        while (!limiter.tryAcquire()) {
          pause(Math.max(1, limiter.nanosUntilAvailable() / 1_000_000));
        }
        long id = record.id();
        inFlight.incrementAndGet();
        try {
          transport.publish(
              topic(record.type()),
              record.payload(),
              false,
              () -> {
                journal.ack(id);
                inFlight.decrementAndGet();
                wake();
              });
        } catch (TransportException e) {
          inFlight.decrementAndGet();
          connectionLost = true;
          LOG.warn("{}; reconnecting", e.getMessage());
          return;
        }
        published.incrementAndGet();
        cursor = id;
      }
    }
  }

  private String topic(MessageType type) {
    return new Topic(site, deviceId, type).toString();
  }

  /** Ends a {@link #pause} in progress: an acknowledgement, a lost connection or a close. */
  private void wake() {
    synchronized (signal) {
      wakeups++;
      signal.notifyAll();
    }
  }

  /**
   * Waits {@code millis} (at least 1), or until {@link #wake()} is called or the publisher stops,
   * whichever comes first. A spurious wakeup only waits again for the time that is left.
   */
  private void pause(long millis) {
    synchronized (signal) {
      long seen = wakeups;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
      try {
        while (running && wakeups == seen) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(signal, remaining);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
