package org.rehabtelemetry.gateway.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink in memory for tests: keeps every line it accepted (a rewritten line replaces its earlier
 * self, as a point's identity does in InfluxDB), can fail the next writes as a database that is
 * down would, and refuses any write containing a marker as a database refuses bad data (400).
 * Thread-safe.
 */
public final class FakeSink implements TimeSeriesSink, SeqQuery {
  private final java.util.LinkedHashMap<String, String> points = new java.util.LinkedHashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile String refuseMarker;

  /** The next {@code n} writes fail as retryable (no answer). */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** Writes containing {@code marker} are refused as bad data. */
  public void refuseLinesContaining(String marker) {
    refuseMarker = marker;
  }

  @Override
  public Optional<WriteFailure> write(Lines lines) {
    writes.incrementAndGet();
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Optional.of(new WriteFailure(true, Duration.ZERO, "no answer: connection refused"));
    }
    if (refuseMarker != null && lines.text().contains(refuseMarker)) {
      return Optional.of(
          new WriteFailure(false, Duration.ZERO, "HTTP 400: field type conflict (test)"));
    }
    synchronized (points) {
      for (String line : lines.text().split("\n")) {
        String conflict = typeConflict(line);
        if (conflict != null) {
          return Optional.of(new WriteFailure(false, Duration.ZERO, "HTTP 400: " + conflict));
        }
      }
      for (String line : lines.text().split("\n")) {
        if (!line.isEmpty()) {
          points.put(identity(line), line);
          fieldTypes(line).forEach(types::putIfAbsent);
        }
      }
    }
    return Optional.empty();
  }

  private final java.util.Map<String, Character> types = new java.util.HashMap<>();

  /** A field whose type differs from what the measurement stored before, as InfluxDB says. */
  private String typeConflict(String line) {
    for (var field : fieldTypes(line).entrySet()) {
      Character known = types.get(field.getKey());
      if (known != null && known != field.getValue()) {
        return "field type conflict: " + field.getKey();
      }
    }
    return null;
  }

  private static java.util.Map<String, Character> fieldTypes(String line) {
    java.util.Map<String, Character> found = new java.util.HashMap<>();
    if (line.isEmpty()) {
      return found;
    }
    String measurement = line.substring(0, line.indexOf(','));
    String fields = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
    for (String field : fields.split(",(?=[A-Za-z_][A-Za-z0-9_]*=)")) {
      int eq = field.indexOf('=');
      String value = field.substring(eq + 1);
      char type =
          value.startsWith("\"")
              ? 's'
              : value.endsWith("i") ? 'i' : value.equals("t") || value.equals("f") ? 'b' : 'd';
      found.put(measurement + "." + field.substring(0, eq), type);
    }
    return found;
  }

  @Override
  public boolean storedSeqs(
      String site, String device, String sessionId, java.util.function.LongConsumer seqs) {
    for (String line : lines()) {
      String measurement = line.substring(0, line.indexOf(','));
      if (SEQ_MEASUREMENTS.contains(measurement) && ofSession(line, site, device, sessionId)) {
        seqs.accept(Long.parseLong(field(line, "seq").replace("i", "")));
      }
    }
    return true;
  }

  private static final List<String> SEQ_MEASUREMENTS =
      List.of("batch", "session_event", "alarm", "session_summary");

  @Override
  public boolean explanations(
      String site,
      String device,
      String sessionId,
      java.util.function.Consumer<StoredLost> lost,
      java.util.function.Consumer<StoredRefusal> refused) {
    for (String line : lines()) {
      if (!ofSession(line, site, device, sessionId)) {
        continue;
      }
      if (line.startsWith("session_lost,")) {
        long micros = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        lost.accept(
            new StoredLost(
                unquote(field(line, "seqs")),
                java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS),
                unquote(field(line, "reason"))));
      } else if (line.startsWith("session_refused,")) {
        refused.accept(
            new StoredRefusal(
                Long.parseLong(field(line, "seq").replace("i", "")),
                unquote(field(line, "reason"))));
      }
    }
    return true;
  }

  private static boolean ofSession(String line, String site, String device, String sessionId) {
    String tags = line.substring(0, line.indexOf(' ')) + ",";
    return tags.contains(",site=" + site + ",")
        && tags.contains(",device=" + device + ",")
        && (tags.contains(",session=" + sessionId + ",")
            || line.contains("session=\"" + sessionId + "\""));
  }

  /** A field's raw value in a line (strings still quoted); the tests' values hold no quotes. */
  private static String field(String line, String name) {
    String fields = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("(?:^|,)" + name + "=(\"[^\"]*\"|[^,]*)").matcher(fields);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no field " + name + " in " + line);
    }
    return matcher.group(1);
  }

  private static String unquote(String value) {
    return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
  }

  /** Every point kept, one line each. */
  public List<String> lines() {
    synchronized (points) {
      return new ArrayList<>(points.values());
    }
  }

  /** Points of one measurement. */
  public long count(String measurement) {
    return lines().stream().filter(l -> l.startsWith(measurement + ",")).count();
  }

  public int writes() {
    return writes.get();
  }

  @Override
  public String describe() {
    return "fake sink";
  }

  /** A line's identity: measurement and tags, and the timestamp. */
  private static String identity(String line) {
    int fields = line.indexOf(' ');
    int time = line.lastIndexOf(' ');
    return line.substring(0, fields) + " " + line.substring(time + 1);
  }
}
