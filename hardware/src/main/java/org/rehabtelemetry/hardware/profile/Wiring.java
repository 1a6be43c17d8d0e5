package org.rehabtelemetry.hardware.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which driver reads which channel, on which port, pin or bus address. Every part is optional: a
 * device has the parts it has.
 */
public record Wiring(
    Optional<SensorHub> sensorHub,
    Optional<Oximeter> oximeter,
    Optional<Tilt> tilt,
    Optional<Pin> emergencyStop,
    Optional<Button> startStopButton,
    Map<String, Pin> switches,
    Optional<Flow> flowMeter,
    Optional<Output> buzzer) {

  public Wiring {
    switches = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(switches));
  }

  /**
   * The sensor hub on a serial port.
   *
   * @param channels hub channel id → channel, scale
   * @param silentAfter no valid frame for this long is a technical fault
   */
  public record SensorHub(String port, int baud, Duration silentAfter, List<HubMapping> channels) {
    public SensorHub {
      channels = List.copyOf(channels);
    }
  }

  /** Hub channel {@code id} carries {@code channel}; value = raw × {@code scale}. */
  public record HubMapping(int id, String channel, double scale) {}

  /** The pulse oximeter on a serial port, feeding two channels. */
  public record Oximeter(
      String port, int baud, Duration silentAfter, String spo2Channel, String heartRateChannel) {}

  /** An MPU6050 on I²C bus {@code bus} at {@code address}, feeding a tilt channel. */
  public record Tilt(int bus, int address, String channel, Duration silentAfter) {}

  /** A debounced input on BCM pin {@code pin}. */
  public record Pin(int pin, boolean activeLow, Duration debounce) {}

  /** A button pin with a long-press time. */
  public record Button(Pin pin, Duration longPress) {}

  /** An output on BCM pin {@code pin}, driven high to sound (the alarm buzzer). */
  public record Output(int pin) {}

  /** Whether anything is wired to the board's GPIO header. */
  public boolean usesGpio() {
    return emergencyStop.isPresent()
        || startStopButton.isPresent()
        || !switches.isEmpty()
        || flowMeter.isPresent()
        || buzzer.isPresent();
  }

  /** A pulse flow meter on {@code pin}: {@code kFactor} Hz per L/min. */
  public record Flow(int pin, String channel, double kFactor, Duration silentAfter) {}
}
