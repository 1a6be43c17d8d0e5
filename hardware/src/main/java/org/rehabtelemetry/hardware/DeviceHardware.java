package org.rehabtelemetry.hardware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.hardware.fault.SensorHealth;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.hardware.fault.SensorStatusListener;
import org.rehabtelemetry.hardware.gpio.ContactSwitch;
import org.rehabtelemetry.hardware.gpio.EmergencyStop;
import org.rehabtelemetry.hardware.gpio.FlowMeter;
import org.rehabtelemetry.hardware.gpio.StartStopButton;
import org.rehabtelemetry.hardware.hub.HubChannel;
import org.rehabtelemetry.hardware.hub.SensorHubDriver;
import org.rehabtelemetry.hardware.i2c.Mpu6050TiltDriver;
import org.rehabtelemetry.hardware.oximeter.NoninLineDriver;
import org.rehabtelemetry.hardware.oximeter.OximeterChannels;
import org.rehabtelemetry.hardware.poll.PollingScheduler;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.hardware.port.PortFactory;
import org.rehabtelemetry.hardware.port.SerialLink;
import org.rehabtelemetry.hardware.profile.ChannelSpec;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.Wiring;
import org.rehabtelemetry.hardware.serial.SerialSensor;
import org.rehabtelemetry.hardware.serial.StreamDecoder;
import org.rehabtelemetry.runtime.health.Heartbeat;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.runtime.retry.Backoff;

/**
 * All the drivers of one device, built from its profile: the sensor hub and oximeter on serial
 * threads, the tilt sensor and flow meter polled at their rates, and the GPIO inputs polled every 5
 * ms for debouncing. What they report goes to one {@link Listener}.
 *
 * <p>{@link #start()} and {@link #close()} are called once each, from any thread.
 */
public final class DeviceHardware implements AutoCloseable {
  /** Debounce confirmation needs polls well inside the shortest debounce time. */
  private static final Duration GPIO_POLL = Duration.ofMillis(5);

  private static final Duration SERIAL_READ_TIMEOUT = Duration.ofMillis(100);
  private static final long FRAME_TIMEOUT_NANOS = 100_000_000L;

  /** Everything the hardware reports. Methods are called on driver threads and must not block. */
  public interface Listener
      extends ReadingSink,
          SensorStatusListener,
          EmergencyStop.Listener,
          StartStopButton.Listener,
          ContactSwitch.Listener {}

  private final List<SerialSensor> serialSensors = new ArrayList<>();
  private final Map<String, SensorHealth> health = new LinkedHashMap<>();
  private final Map<String, ContactSwitch> switches = new LinkedHashMap<>();
  private final PollingScheduler scheduler;
  private EmergencyStop emergencyStop;
  private StartStopButton button;

  private final Liveness liveness;
  private OutputLine buzzer;

  private DeviceHardware(MonotonicClock clock, Liveness liveness) {
    this.liveness = liveness;
    this.scheduler = new PollingScheduler(clock, heartbeat(liveness, "sensor-poll"));
  }

  /** Builds the drivers the profile's wiring names, unwatched; opens nothing until started. */
  public static DeviceHardware assemble(
      DeviceProfile profile, PortFactory ports, MonotonicClock clock, Listener listener) {
    return assemble(profile, ports, clock, listener, null);
  }

  /**
   * Builds the drivers the profile's wiring names; opens nothing until {@link #start()}.
   *
   * @param liveness where the sampling threads ({@code sensor-poll}, {@code serial-NAME}) report
   *     progress, or null
   */
  public static DeviceHardware assemble(
      DeviceProfile profile,
      PortFactory ports,
      MonotonicClock clock,
      Listener listener,
      Liveness liveness) {
    DeviceHardware hardware = new DeviceHardware(clock, liveness);
    Wiring wiring = profile.wiring();
    long now = clock.nanos();
    wiring
        .sensorHub()
        .ifPresent(
            hub -> {
              SensorHealth health = hardware.health("sensorHub", hub.silentAfter(), now, listener);
              List<HubChannel> channels = new ArrayList<>();
              for (Wiring.HubMapping mapping : hub.channels()) {
                ChannelSpec spec = profile.requireChannel(mapping.channel());
                channels.add(
                    new HubChannel(
                        mapping.id(), mapping.channel(), mapping.scale(), spec.min(), spec.max()));
              }
              hardware.addSerialSensor(
                  "sensorHub",
                  ports.serial(hub.port(), hub.baud()),
                  new SensorHubDriver(channels, health, listener, FRAME_TIMEOUT_NANOS),
                  health,
                  clock);
            });
    wiring
        .oximeter()
        .ifPresent(
            oxi -> {
              SensorHealth health = hardware.health("oximeter", oxi.silentAfter(), now, listener);
              OximeterChannels channels =
                  new OximeterChannels(
                      channel(profile, oxi.spo2Channel()),
                      channel(profile, oxi.heartRateChannel()));
              hardware.addSerialSensor(
                  "oximeter",
                  ports.serial(oxi.port(), oxi.baud()),
                  new NoninLineDriver(channels, health, listener),
                  health,
                  clock);
            });
    wiring
        .tilt()
        .ifPresent(
            tilt -> {
              SensorHealth health = hardware.health("tilt", tilt.silentAfter(), now, listener);
              ChannelSpec spec = profile.requireChannel(tilt.channel());
              Mpu6050TiltDriver driver =
                  new Mpu6050TiltDriver(
                      ports.i2c(tilt.bus(), tilt.address()),
                      tilt.channel(),
                      spec.min(),
                      spec.max(),
                      health,
                      listener);
              hardware.scheduler.every(period(spec.sampleHz()), "tilt", driver);
              hardware.scheduler.every(
                  Duration.ofMillis(100), "tilt-silence", health::checkSilence);
            });
    wiring
        .flowMeter()
        .ifPresent(
            flow -> {
              SensorHealth health = hardware.health("flowMeter", flow.silentAfter(), now, listener);
              ChannelSpec spec = profile.requireChannel(flow.channel());
              FlowMeter meter =
                  new FlowMeter(
                      flow.channel(),
                      ports.input(flow.pin(), false),
                      flow.kFactor(),
                      spec.max(),
                      now,
                      health,
                      listener);
              hardware.scheduler.every(period(spec.sampleHz()), "flowMeter", meter);
            });
    wiring
        .emergencyStop()
        .ifPresent(
            pin -> {
              hardware.emergencyStop =
                  new EmergencyStop(
                      ports.input(pin.pin(), pin.activeLow()),
                      pin.activeLow(),
                      pin.debounce().toNanos(),
                      clock,
                      listener);
              hardware.scheduler.every(GPIO_POLL, "emergencyStop", hardware.emergencyStop);
            });
    wiring
        .startStopButton()
        .ifPresent(
            b -> {
              hardware.button =
                  new StartStopButton(
                      ports.input(b.pin().pin(), b.pin().activeLow()),
                      b.pin().activeLow(),
                      b.pin().debounce().toNanos(),
                      b.longPress().toNanos(),
                      clock,
                      listener);
              hardware.scheduler.every(GPIO_POLL, "startStopButton", hardware.button);
            });
    wiring
        .switches()
        .forEach(
            (name, pin) -> {
              ContactSwitch contact =
                  new ContactSwitch(
                      name,
                      ports.input(pin.pin(), pin.activeLow()),
                      pin.activeLow(),
                      pin.debounce().toNanos(),
                      clock,
                      listener);
              hardware.switches.put(name, contact);
              hardware.scheduler.every(GPIO_POLL, name, contact);
            });
    wiring.buzzer().ifPresent(b -> hardware.buzzer = ports.output(b.pin()));
    return hardware;
  }

  /** Starts the serial threads and the polling scheduler. */
  public void start() {
    serialSensors.forEach(SerialSensor::start);
    scheduler.start();
  }

  /** Stops every driver thread and closes the serial ports. */
  @Override
  public void close() {
    scheduler.stop();
    serialSensors.forEach(SerialSensor::close);
  }

  public Optional<EmergencyStop> emergencyStop() {
    return Optional.ofNullable(emergencyStop);
  }

  public Optional<StartStopButton> startStopButton() {
    return Optional.ofNullable(button);
  }

  /** The alarm buzzer's output line, if the profile wires one. */
  public Optional<OutputLine> buzzer() {
    return Optional.ofNullable(buzzer);
  }

  /** Switches by their profile name, e.g. {@code footplateOccupied}. */
  public Map<String, ContactSwitch> switches() {
    return Map.copyOf(switches);
  }

  /** The current status of every sensor, in profile order. */
  public List<SensorStatus> statuses() {
    return health.values().stream().map(SensorHealth::status).toList();
  }

  private SensorHealth health(
      String name, Duration silentAfter, long now, SensorStatusListener listener) {
    SensorHealth sensorHealth = new SensorHealth(name, silentAfter.toNanos(), now, listener);
    health.put(name, sensorHealth);
    return sensorHealth;
  }

  private void addSerialSensor(
      String name,
      SerialLink link,
      StreamDecoder decoder,
      SensorHealth health,
      MonotonicClock clock) {
    serialSensors.add(
        new SerialSensor(
            name,
            link,
            decoder,
            health,
            clock,
            SERIAL_READ_TIMEOUT,
            backoff(),
            heartbeat(liveness, "serial-" + name)));
  }

  private static OximeterChannels.Channel channel(DeviceProfile profile, String name) {
    ChannelSpec spec = profile.requireChannel(name);
    return new OximeterChannels.Channel(name, spec.min(), spec.max());
  }

  private static Heartbeat heartbeat(Liveness liveness, String worker) {
    return liveness == null ? Heartbeat.NONE : liveness.register(worker, Duration.ofSeconds(15));
  }

  private static Duration period(double hz) {
    return Duration.ofNanos((long) (1e9 / hz));
  }

  private static Backoff backoff() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Math::random);
  }
}
