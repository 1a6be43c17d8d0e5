package org.rehabtelemetry.hardware.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rehabtelemetry.hardware.port.DigitalLine;

/** A GPIO line set by the test; {@link #set} fires listeners synchronously, like Pi4J's mock. */
public final class FakeDigitalLine implements DigitalLine {
  private final String name;
  private final List<EdgeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean high;

  public FakeDigitalLine(String name, boolean initiallyHigh) {
    this.name = name;
    this.high = initiallyHigh;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isHigh() {
    return high;
  }

  @Override
  public void onChange(EdgeListener listener) {
    listeners.add(listener);
  }

  /** Sets the level; listeners hear it only if it changed. */
  public void set(boolean level) {
    if (level == high) {
      return;
    }
    high = level;
    for (EdgeListener listener : listeners) {
      listener.levelChanged(level);
    }
  }

  /** Sends {@code count} full pulses (high then low). */
  public void pulse(int count) {
    for (int i = 0; i < count; i++) {
      set(true);
      set(false);
    }
  }
}
