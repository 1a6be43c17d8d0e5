package org.rehabtelemetry.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rehabtelemetry.gateway.alarms.AlarmBoard;
import org.rehabtelemetry.gateway.alarms.DashboardSoundPause;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;

/**
 * The dashboard's live stream: turns messages into server-sent events as soon as the gateway
 * receives them (before they are stored, so a database outage does not freeze the screen) and hands
 * them to every connected browser.
 *
 * <p>Events:
 *
 * <ul>
 *   <li>{@code latest}: per sample batch, the newest value of each channel with its unit and time
 *       (ms since the epoch), to every subscriber (fleet tiles);
 *   <li>{@code samples}: per sample batch, each channel thinned to at most {@value #MAX_POINTS}
 *       points per batch (always keeping the newest), only to subscribers watching that device;
 *   <li>{@code alarm}: an {@link AlarmBoard.Entry} that is new or changed (the board tells this
 *       feed through {@link #alarmChanged});
 *   <li>{@code device}: a device's status or session changed (the client refetches the fleet);
 *   <li>{@code overflow}: this subscriber was too slow and missed that many events.
 * </ul>
 *
 * A message the broker delivers again is sent again; the browser ignores a batch whose seq it has
 * already drawn. Each subscriber has a bounded queue: a stalled browser loses live events (and is
 * told how many), never the gateway's memory. Thread-safe.
 */
public final class LiveFeed implements IngestListener {
  static final int MAX_POINTS = 25;
  private static final int QUEUE_EVENTS = 4096;

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

  /**
   * A device's batches are not drawn while it sends live previews: this long after its last one (3
   * s, several preview intervals), its batches are drawn again (an agent without previews).
   */
  private static final long PREVIEWING_NANOS = TimeUnit.SECONDS.toNanos(3);

  private static final long LATEST_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Each device's newest preview values not yet sent to every screen, by channel. */
  private final Map<String, Map<String, JsonNode>> pendingLatest = new ConcurrentHashMap<>();

  /** When each device's newest values from a preview last went to every screen. */
  private final Map<String, Long> latestSentNanos = new ConcurrentHashMap<>();

  /** When each device's last live preview arrived; one entry per admitted device. */
  private final Map<String, Long> liveSeenNanos = new ConcurrentHashMap<>();

  /** One event in SSE form: its name and its JSON data on one line. */
  public record Event(String name, String data) {}

  /** One connected browser. Poll its events from the thread that writes its response. */
  public final class Subscriber implements AutoCloseable {
    private final String device;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final AtomicLong missed = new AtomicLong();

    private Subscriber(String device) {
      this.device = device;
    }

    /** The next event, or null after the timeout. Blocks. */
    public Event next(long timeout, TimeUnit unit) throws InterruptedException {
      long lost = missed.getAndSet(0);
      if (lost > 0) {
        return new Event("overflow", "{\"missed\":" + lost + "}");
      }
      return queue.poll(timeout, unit);
    }

    private void offer(Event event) {
      if (!queue.offer(event)) {
        missed.incrementAndGet();
      }
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }

  /**
   * Subscribes a browser.
   *
   * @param device the device whose full samples it wants, or null for the fleet only
   */
  public Subscriber subscribe(String device) {
    Subscriber subscriber = new Subscriber(device);
    subscribers.add(subscriber);
    return subscriber;
  }

  public int subscribers() {
    return subscribers.size();
  }

  /** Sends an alarm board change to everyone (the board calls this). */
  public void alarmChanged(AlarmBoard.Entry entry) {
    broadcast(new Event("alarm", write(entry)), null);
  }

  /** Sends a change of the dashboard's AUDIO PAUSED to everyone. */
  public void soundPauseChanged(DashboardSoundPause.State state) {
    broadcast(new Event("soundPause", write(state)), null);
  }

  @Override
  public void stored(String site, Message message) {}

  @Override
  public void arrived(String site, Message message) {
    if (message instanceof LiveSamples live) {
      liveSeenNanos.put(live.header().deviceId(), System.nanoTime());
      samples(live.header().deviceId(), live.sessionId(), -1, live.t0Us(), live.channels());
    } else if (message instanceof SampleBatch batch) {
      samples(
          batch.header().deviceId(),
          batch.session().sessionId(),
          batch.session().seq(),
          batch.t0Us(),
          batch.channels());
    } else if (message instanceof DeviceStatus || message instanceof SessionEvent) {
      ObjectNode node = json.createObjectNode();
      node.put("device", message.header().deviceId());
      broadcast(new Event("device", node.toString()), null);
    }
  }

  /** Whether the device sent a live preview within {@link #PREVIEWING_NANOS}. */
  private boolean previewing(String device) {
    Long seen = liveSeenNanos.get(device);
    return seen != null && System.nanoTime() - seen < PREVIEWING_NANOS;
  }

  /**
   * Sends samples to the screens: the newest value per channel to all, the thinned samples to those
   * watching the device.
   *
   * @param seq the batch's seq, or -1 for a live preview (the dashboard then skips its dedup)
   */
  private void samples(
      String device, String session, long seq, long t0Us, List<ChannelSamples> channels) {
    ObjectNode latest = header(device, session, seq);
    ArrayNode latestChannels = latest.putArray("channels");
    boolean watched = subscribers.stream().anyMatch(s -> device.equals(s.device));
    ObjectNode full = watched ? header(device, session, seq) : null;
    ArrayNode fullChannels = watched ? full.putArray("channels") : null;
    for (ChannelSamples channel : channels) {
      int n = channel.size();
      if (n == 0) {
        continue;
      }
      ObjectNode last = latestChannels.addObject();
      last.put("channel", channel.channel());
      last.put("unit", channel.unit());
      last.put("t", millis(t0Us + channel.offsetUs(n - 1)));
      last.put("v", channel.value(n - 1));
      if (watched) {
        ObjectNode thinned = fullChannels.addObject();
        thinned.put("channel", channel.channel());
        thinned.put("unit", channel.unit());
        ArrayNode times = thinned.putArray("t");
        ArrayNode values = thinned.putArray("v");
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = (n - 1) % step; i < n; i += step) {
          times.add(millis(t0Us + channel.offsetUs(i)));
          values.add(channel.value(i));
        }
      }
    }
    if (seq >= 0) {
      broadcast(new Event("latest", latest.toString()), null);
    } else {
      previewLatest(device, latest);
    }
    // A batch's samples are drawn only when its device sends no previews, which showed them.
    if (watched && (seq < 0 || !previewing(device))) {
      broadcast(new Event("samples", full.toString()), device);
    }
  }

  /**
   * A preview's newest values, merged per channel with those of the previews before it, go to every
   * screen at most every {@link #LATEST_EVERY_NANOS} per device: a channel sampled slowly, in only
   * some previews, is never lost to the pacing.
   */
  private void previewLatest(String device, ObjectNode latest) {
    Map<String, JsonNode> pending =
        pendingLatest.computeIfAbsent(device, d -> new LinkedHashMap<>());
    ObjectNode merged;
    synchronized (pending) {
      for (JsonNode channel : latest.path("channels")) {
        pending.put(channel.path("channel").asText(), channel);
      }
      if (!latestDue(device)) {
        return;
      }
      merged = latest.deepCopy();
      ArrayNode channels = merged.putArray("channels");
      pending.values().forEach(channels::add);
      pending.clear();
    }
    broadcast(new Event("latest", merged.toString()), null);
  }

  /**
   * Whether a preview's newest values may go to every screen now: at most every {@link
   * #LATEST_EVERY_NANOS} per device, so ten previews a second from each of twenty devices do not
   * fill the fleet view's queues (whose alarm events share them).
   */
  private boolean latestDue(String device) {
    long now = System.nanoTime();
    Long last = latestSentNanos.get(device);
    if (last != null && now - last < LATEST_EVERY_NANOS) {
      return false;
    }
    latestSentNanos.put(device, now);
    return true;
  }

  private ObjectNode header(String device, String session, long seq) {
    ObjectNode node = json.createObjectNode();
    node.put("device", device);
    node.put("session", session);
    node.put("seq", seq);
    if (seq < 0) {
      node.put("live", true);
    }
    return node;
  }

  private void broadcast(Event event, String onlyDevice) {
    for (Subscriber subscriber : subscribers) {
      if (onlyDevice == null || onlyDevice.equals(subscriber.device)) {
        subscriber.offer(event);
      }
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot happen for records of strings and numbers", e);
    }
  }

  private static long millis(long micros) {
    return Math.floorDiv(micros, 1000);
  }
}
