package org.rehabtelemetry.hardware;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.hardware.gpio.StartStopButton;

/** Records everything the hardware reports, for assertions. Thread-safe. */
public final class RecordingListener implements DeviceHardware.Listener {
  public final List<Reading> readings = new CopyOnWriteArrayList<>();
  public final List<SensorStatus> statuses = new CopyOnWriteArrayList<>();
  public final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(Reading reading) {
    readings.add(reading);
  }

  @Override
  public void statusChanged(SensorStatus status) {
    statuses.add(status);
  }

  @Override
  public void latched(long nanos) {
    events.add("estop latched");
  }

  @Override
  public void reset(long nanos) {
    events.add("estop reset");
  }

  @Override
  public void pressed(StartStopButton.Press press, long nanos) {
    events.add("button " + press);
  }

  @Override
  public void changed(String name, boolean active, long nanos) {
    events.add(name + " " + active);
  }

  /** The values read on one channel, in order. */
  public List<Double> values(String channel) {
    return readings.stream().filter(r -> r.channel().equals(channel)).map(Reading::value).toList();
  }

  /** The last status reported, or null. */
  public SensorStatus lastStatus() {
    return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
  }
}
