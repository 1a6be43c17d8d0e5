package org.rehabtelemetry.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rehabtelemetry.hardware.hub.HubFrame;
import org.rehabtelemetry.hardware.hub.HubFrameWriter;

/**
 * Plays a sensor hub on a pty at 80 Hz: frame n carries left = n grams and right = 2n grams, so a
 * test can tell exactly which samples arrived. Thread-safe.
 */
final class HubFeeder implements AutoCloseable {
  private final Path port;
  private final AtomicLong frames = new AtomicLong();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private OutputStream out;

  HubFeeder(Path port) {
    this.port = port;
  }

  void start() throws IOException {
    out = Files.newOutputStream(port);
    executor.scheduleAtFixedRate(this::frame, 0, 12_500, TimeUnit.MICROSECONDS);
  }

  /** Frames written so far; the next frame's n. */
  long frames() {
    return frames.get();
  }

  private void frame() {
    long n = frames.get() + 1;
    byte[] bytes =
        HubFrameWriter.frame(
            HubFrame.TYPE_SAMPLES,
            (int) n & 0xFFFF,
            HubFrameWriter.samples(
                n * 12_500, new int[] {1, 2}, new int[] {(int) n, (int) (2 * n)}));
    try {
      out.write(bytes);
      out.flush();
      frames.set(n);
    } catch (IOException e) {
      // The pty went away; the test decides what that means.
    }
  }

  @Override
  public void close() throws IOException {
    executor.shutdownNow();
    if (out != null) {
      out.close();
    }
  }
}
