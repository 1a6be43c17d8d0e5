package org.rehabtelemetry.simulator.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.journal.JournalConfig;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.agent.session.SessionRecorder;
import org.rehabtelemetry.agent.session.SessionStore;
import org.rehabtelemetry.agent.time.Timebase;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.simulator.model.TraceLibrary;

/**
 * An outage's backlog, as the agent journals it: verticalizer sessions of 20 minutes back to back,
 * recorded by the agent's own {@link SessionRecorder} into its own {@link DiskJournal} with 500 ms
 * batches, on a clock set {@code minutes} back. Shared by the benchmarks that drain it.
 */
final class JournalBacklog {
  static final int SESSION_MINUTES = 20;
  private static final long BATCH_NANOS = 500_000_000L;

  private JournalBacklog() {}

  /** The trace each session plays: the library's normal verticalizer session, at most 20 min. */
  static Trace trace(int minutes) {
    return TraceLibrary.find("verticalizer-normal")
        .orElseThrow()
        .generate(Math.min(minutes, SESSION_MINUTES) * 60.0);
  }

  static String deviceId(int index) {
    return String.format("vert-%02d", index + 1);
  }

  private static JournalConfig journal(Path deviceDir) {
    return new JournalConfig(
        deviceDir.resolve("state").resolve("journal"),
        4L << 20,
        1024L << 20,
        Duration.ofDays(14),
        Duration.ofMillis(200),
        16L << 20);
  }

  /** Every record of the device's journal, in id order. */
  static List<JournalRecord> records(Path deviceDir) {
    List<JournalRecord> all = new ArrayList<>();
    try (DiskJournal journal = DiskJournal.open(journal(deviceDir), JournalListener.NONE)) {
      for (List<JournalRecord> page = journal.readUnsent(0, 1000);
          !page.isEmpty();
          page = journal.readUnsent(page.get(page.size() - 1).id(), 1000)) {
        all.addAll(page);
      }
    }
    return all;
  }

  /** Records {@code minutes} of sessions into the device's journal; returns the records written. */
  static long prefill(Path deviceDir, DeviceProfile profile, Trace trace, int minutes, int index) {
    Path state = deviceDir.resolve("state");
    long[] nanos = {0};
    Clock wall = Clock.fixed(Instant.now().minus(Duration.ofMinutes(minutes)), ZoneOffset.UTC);
    Timebase timebase = new Timebase(wall, () -> nanos[0], Duration.ofSeconds(2));
    try (DiskJournal journal = DiskJournal.open(journal(deviceDir), JournalListener.NONE)) {
      SessionRecorder recorder =
          new SessionRecorder(
              deviceId(index),
              "prefill" + index,
              profile,
              timebase,
              () -> nanos[0],
              journal,
              new SessionStore(state));
      String programme = profile.programmes().get(0).name();
      Map<String, Double> settings = new java.util.LinkedHashMap<>();
      profile
          .programme(programme)
          .orElseThrow()
          .settings()
          .forEach((name, spec) -> settings.put(name, spec.defaultValue()));
      long sessionNanos = trace.header().durationUs() * 1_000;
      long end = Duration.ofMinutes(minutes).toNanos();
      int session = 0;
      while (nanos[0] + sessionNanos <= end || session == 0) {
        long origin = nanos[0];
        recorder.start(
            String.format("P-%02X%02X", index, session++),
            programme,
            settings,
            "therapist",
            false,
            List.of());
        long nextFlush = origin + BATCH_NANOS;
        for (int i = 0; i < trace.sampleCount(); i++) {
          long at = origin + trace.timeUs(i) * 1_000;
          while (at >= nextFlush) {
            nanos[0] = nextFlush;
            recorder.flush();
            nextFlush += BATCH_NANOS;
          }
          nanos[0] = at;
          recorder.onReading(
              new Reading(
                  trace.header().channels().get(trace.channel(i)).name(), trace.value(i), at));
        }
        nanos[0] = origin + sessionNanos;
        recorder.flush();
        recorder.stop("therapist");
      }
      journal.commit();
      return journal.stats().lastId();
    }
  }
}
