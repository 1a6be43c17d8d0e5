package org.rehabtelemetry.agent.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.hardware.trace.TraceFormat;
import org.rehabtelemetry.hardware.trace.TraceHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a session's raw sensor stream into a trace (docs/traces.md), so a real session can be
 * replayed later by the simulator: every reading at its sampling rate (before the publish-rate
 * averaging), the e-stop and the contacts. Start, pauses and stop are written as the button presses
 * that cause them, whichever way they came (button, touch UI, CLI), so a replay starts, pauses and
 * stops its session the same way. Trace time 0 is half a second before the session started. No
 * patient code goes into the trace.
 *
 * <p>The file, {@code DIR/SESSION.trace.gz}, is written on a background thread when the session
 * ends. At most {@value #MAX_SAMPLES} samples are kept per session (about 2 hours of a
 * verticalizer); later ones are dropped and the trace's source says so. Thread-safe.
 */
public final class TraceRecorder implements AutoCloseable {
  static final int MAX_SAMPLES = 2_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
  private static final long LEAD_NANOS = 500_000_000L;

  private final Path dir;
  private final String deviceId;
  private final DeviceProfile profile;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "trace-writer");
            thread.setDaemon(true);
            return thread;
          });
  private Trace.Builder trace;
  private String sessionId;
  private long originNanos;
  private int samples;
  private boolean truncated;

  public TraceRecorder(Path dir, String deviceId, DeviceProfile profile) {
    this.dir = dir;
    this.deviceId = deviceId;
    this.profile = profile;
  }

  /** A session started at {@code nanos} (monotonic). */
  public synchronized void started(String sessionId, long nanos) {
    this.sessionId = sessionId;
    this.originNanos = nanos - LEAD_NANOS;
    this.samples = 0;
    this.truncated = false;
    List<TraceChannel> channels =
        profile.channels().stream()
            .map(c -> new TraceChannel(c.name(), c.unit(), c.sampleHz()))
            .toList();
    trace =
        new Trace.Builder(
            new TraceHeader(sessionId, profile.kind(), "recorded " + deviceId, null, 0, channels));
    shortPress(nanos);
  }

  public synchronized void reading(Reading reading) {
    if (trace == null || reading.nanos() < originNanos) {
      return;
    }
    if (samples >= MAX_SAMPLES) {
      truncated = true;
      return;
    }
    try {
      trace.sample(micros(reading.nanos()), reading.channel(), reading.value());
      samples++;
    } catch (IllegalArgumentException e) {
      // a channel outside the profile (cannot happen with the profile's drivers) or not finite
      LOG.debug("reading not recorded: {}", e.getMessage());
    }
  }

  /** A pause or resume at {@code nanos}: a short press. */
  public synchronized void shortPress(long nanos) {
    if (trace != null) {
      trace.event(micros(Math.max(originNanos, nanos - 150_000_000L)), "button", "press");
      trace.event(micros(nanos), "button", "release");
    }
  }

  /** The e-stop latched at {@code nanos}; written as a press and a release one second later. */
  public synchronized void estop(long nanos) {
    if (trace != null) {
      trace.event(micros(nanos), "estop", "press");
      trace.event(micros(nanos) + 1_000_000, "estop", "release");
    }
  }

  /** A contact changed at {@code nanos}. */
  public synchronized void contact(String name, boolean closed, long nanos) {
    if (trace != null && nanos >= originNanos) {
      trace.event(micros(nanos), "switch", name + "=" + (closed ? "closed" : "open"));
    }
  }

  /**
   * The session ended at {@code nanos}: adds the stopping long press (2.2 s, ending just after) and
   * writes the file in the background.
   */
  public synchronized void ended(long nanos) {
    if (trace == null) {
      return;
    }
    trace.event(Math.max(0, micros(nanos) - 2_000_000), "button", "press");
    trace.event(micros(nanos) + 200_000, "button", "release");
    Trace.Builder finished = trace;
    String id = sessionId;
    long duration = micros(nanos) + 1_000_000;
    boolean cut = truncated;
    trace = null;
    writer.execute(() -> write(finished, id, duration, cut));
  }

  private void write(Trace.Builder builder, String id, long durationUs, boolean cut) {
    Trace built = builder.build();
    TraceHeader header = built.header();
    Trace recorded =
        built.withHeader(
            new TraceHeader(
                header.name(),
                header.kind(),
                header.source() + (cut ? " (truncated at " + MAX_SAMPLES + " samples)" : ""),
                null,
                durationUs,
                header.channels()));
    Path file = dir.resolve(id + ".trace.gz");
    try {
      Files.createDirectories(dir);
      TraceFormat.write(recorded, file);
      LOG.info("session {} recorded into {} ({} samples)", id, file, recorded.sampleCount());
    } catch (IOException e) {
      LOG.error("session {}: trace not written to {}: {}", id, file, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("session {}: trace not written to {}", id, file, e);
    }
  }

  private long micros(long nanos) {
    return Math.max(0, (nanos - originNanos) / 1000);
  }

  /** Waits up to 10 s for pending files. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
