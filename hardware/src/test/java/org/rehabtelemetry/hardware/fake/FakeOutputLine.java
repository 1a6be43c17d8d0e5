package org.rehabtelemetry.hardware.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.rehabtelemetry.hardware.port.OutputLine;

/**
 * An output line in memory that records every level change with its time, so a test can check a
 * buzzer's pulse pattern. Thread-safe.
 */
public final class FakeOutputLine implements OutputLine {
  /** One change: the new level at {@code nanos}. */
  public record Change(long nanos, boolean high) {}

  private final String name;
  private final LongSupplier nanos;
  private final List<Change> changes = new ArrayList<>();
  private boolean high;

  public FakeOutputLine(String name, LongSupplier nanos) {
    this.name = name;
    this.nanos = nanos;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void set(boolean level) {
    if (level != high) {
      high = level;
      changes.add(new Change(nanos.getAsLong(), level));
    }
  }

  public synchronized boolean isHigh() {
    return high;
  }

  /** Every change so far, oldest first. */
  public synchronized List<Change> changes() {
    return new ArrayList<>(changes);
  }
}
