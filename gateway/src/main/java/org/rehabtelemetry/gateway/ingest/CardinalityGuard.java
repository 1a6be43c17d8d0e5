package org.rehabtelemetry.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.runtime.files.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what a device population can create in the database: tag series and columns. Every new
 * device, channel, unit, alarm code, summary metric and programme setting name is admitted until
 * its kind's bound is reached; past it, a message bringing a new name is refused (a dead letter
 * with the reason, and a metric), while names already known flow on. New sessions per device are
 * bounded per rolling day. A clinic's real population (a few dozen devices, a few dozen names per
 * kind, a few sessions per device a day) stays far below the defaults; a broken or hostile device
 * hits them.
 *
 * <p>Known names are kept in {@code cardinality.json} (replaced durably when a name is admitted,
 * which is rare), so a restart does not grant another round of new names. Thread-safe.
 */
public final class CardinalityGuard implements Admission {
  /** What is bounded. */
  public enum Kind {
    DEVICE,
    CHANNEL,
    UNIT,
    ALARM_CODE,
    METRIC,
    SETTING
  }

  /** The bounds. */
  public record Bounds(Map<Kind, Integer> names, int sessionsPerDevicePerDay) {
    public static final Bounds DEFAULT =
        new Bounds(
            Map.of(
                Kind.DEVICE, 500,
                Kind.CHANNEL, 256,
                Kind.UNIT, 64,
                Kind.ALARM_CODE, 256,
                Kind.METRIC, 256,
                Kind.SETTING, 256),
            200);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(CardinalityGuard.class);

  private final Bounds bounds;
  private final Path file;
  private final Clock clock;
  private final Map<Kind, Set<String>> known = new EnumMap<>(Kind.class);
  private final Map<String, Deque<Instant>> sessionStarts = new HashMap<>();
  private final Map<String, Set<String>> recentSessions = new HashMap<>();
  private final Map<Kind, Long> refused = new EnumMap<>(Kind.class);
  private long refusedSessions;

  /**
   * @param file where known names are kept (created if absent)
   */
  public CardinalityGuard(Bounds bounds, Path file, Clock clock) {
    this.bounds = bounds;
    this.file = file;
    this.clock = clock;
    for (Kind kind : Kind.values()) {
      known.put(kind, new LinkedHashSet<>());
      refused.put(kind, 0L);
    }
    load();
  }

  /**
   * Admits a valid message, or says why not.
   *
   * @param site its site
   * @return null when admitted, else the reason it is refused
   */
  @Override
  public String refuse(String site, Message message) {
    return admit(site, message);
  }

  /** The same as {@link #refuse}. */
  public synchronized String admit(String site, Message message) {
    Map<Kind, Set<String>> names = namesOf(site, message);
    for (Map.Entry<Kind, Set<String>> entry : names.entrySet()) {
      Set<String> have = known.get(entry.getKey());
      int bound = bounds.names().get(entry.getKey());
      long fresh = entry.getValue().stream().filter(name -> !have.contains(name)).count();
      if (have.size() + fresh > bound) {
        refused.merge(entry.getKey(), 1L, Long::sum);
        return "cardinality bound: more than "
            + bound
            + " distinct "
            + entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " names; "
            + fresh
            + " new one(s) refused";
      }
    }
    String sessionProblem = admitSession(site, message);
    if (sessionProblem != null) {
      return sessionProblem;
    }
    boolean grew = false;
    for (Map.Entry<Kind, Set<String>> entry : names.entrySet()) {
      grew |= known.get(entry.getKey()).addAll(entry.getValue());
    }
    if (grew) {
      save();
    }
    return null;
  }

  /** Messages refused per kind, since start. */
  public synchronized Map<Kind, Long> refused() {
    return Map.copyOf(refused);
  }

  /** Messages refused for too many new sessions, since start. */
  public synchronized long refusedSessions() {
    return refusedSessions;
  }

  private String admitSession(String site, Message message) {
    if (!(message instanceof SessionEvent event) || event.session().seq() != 0) {
      return null;
    }
    String device = site + "/" + message.header().deviceId();
    Set<String> recent = recentSessions.computeIfAbsent(device, d -> new LinkedHashSet<>());
    if (recent.contains(event.session().sessionId())) {
      return null; // the same start delivered again
    }
    Deque<Instant> starts = sessionStarts.computeIfAbsent(device, d -> new ArrayDeque<>());
    Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
    while (!starts.isEmpty() && starts.peekFirst().isBefore(dayAgo)) {
      starts.removeFirst();
    }
    if (starts.size() >= bounds.sessionsPerDevicePerDay()) {
      refusedSessions++;
      return "cardinality bound: "
          + device
          + " started more than "
          + bounds.sessionsPerDevicePerDay()
          + " sessions in 24 hours";
    }
    starts.addLast(clock.instant());
    recent.add(event.session().sessionId());
    while (recent.size() > bounds.sessionsPerDevicePerDay()) {
      recent.remove(recent.iterator().next());
    }
    return null;
  }

  private static Map<Kind, Set<String>> namesOf(String site, Message message) {
    Map<Kind, Set<String>> names = new EnumMap<>(Kind.class);
    names.put(Kind.DEVICE, Set.of(site + "/" + message.header().deviceId()));
    List<ChannelSamples> columns =
        message instanceof SampleBatch batch
            ? batch.channels()
            : message instanceof LiveSamples live ? live.channels() : null;
    if (columns != null) {
      Set<String> channels = new LinkedHashSet<>();
      Set<String> units = new LinkedHashSet<>();
      for (ChannelSamples channel : columns) {
        channels.add(channel.channel());
        units.add(channel.unit());
      }
      names.put(Kind.CHANNEL, channels);
      names.put(Kind.UNIT, units);
    } else if (message instanceof AlarmEvent alarm) {
      names.put(Kind.ALARM_CODE, Set.of(alarm.code()));
      if (alarm.channel() != null) {
        names.put(Kind.CHANNEL, Set.of(alarm.channel()));
      }
    } else if (message instanceof SessionSummary summary) {
      names.put(Kind.METRIC, summary.metrics().keySet());
      Set<String> units = new LinkedHashSet<>();
      summary.metrics().values().forEach(metric -> units.add(metric.unit()));
      names.put(Kind.UNIT, units);
    } else if (message instanceof SessionEvent event) {
      names.put(Kind.SETTING, event.settings().keySet());
    }
    return names;
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      for (Kind kind : Kind.values()) {
        for (JsonNode name : root.path(kind.name())) {
          if (name.isTextual() && known.get(kind).size() < bounds.names().get(kind)) {
            known.get(kind).add(name.textValue());
          }
        }
      }
    } catch (IOException e) {
      // A damaged file: start afresh; the bounds still hold.
    }
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    known.forEach((kind, names) -> names.forEach(root.putArray(kind.name())::add));
    try {
      DurableFiles.replace(file, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      // The bounds hold in memory; a restart re-learns the names (within the same bounds).
      LOG.warn("cannot save the known names to {}: {}", file, e.getMessage());
    }
  }
}
