package org.rehabtelemetry.agent.status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The newest value of every channel and contact, for the touch UI. Thread-safe. */
public final class LiveValues {
  private final Map<String, LiveValue> values = new ConcurrentHashMap<>();

  public void put(LiveValue value) {
    values.put(value.channel(), value);
  }

  public Map<String, LiveValue> snapshot() {
    return Map.copyOf(values);
  }
}
