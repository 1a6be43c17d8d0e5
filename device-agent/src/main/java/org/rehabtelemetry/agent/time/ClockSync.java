package org.rehabtelemetry.agent.time;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the wall clock is synchronised. On Debian and Raspberry Pi OS, systemd-timesyncd creates
 * {@code /run/systemd/timesync/synchronized} once NTP has set the clock; chrony and ntpd users can
 * point the agent at their own marker file.
 */
@FunctionalInterface
public interface ClockSync {
  boolean isSynchronised();

  /** Synchronised while {@code marker} exists. */
  static ClockSync markerFile(Path marker) {
    return () -> Files.exists(marker);
  }

  /** systemd-timesyncd's marker. */
  static ClockSync systemd() {
    return markerFile(Path.of("/run/systemd/timesync/synchronized"));
  }
}
