package org.rehabtelemetry.simulator.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.rehabtelemetry.hardware.hub.HubFrame;
import org.rehabtelemetry.hardware.hub.HubFrameWriter;
import org.rehabtelemetry.hardware.pi4j.MockBoardPorts;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.Wiring;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.hardware.trace.TraceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a trace into a device's ports, as its sensors would: hub channels as sensor-hub frames (one
 * SAMPLES frame per instant, with the hub's microsecond clock), heart rate and SpO₂ as Nonin lines,
 * the flow as pulses on the flow meter's GPIO pin, buttons, e-stop and contacts as GPIO levels, and
 * faults (garbage bytes, unplug, replug) on the serial ports. Where each channel goes comes from
 * the device profile's wiring, the same the agent reads.
 *
 * <p>At speed 1 every instant is written at its trace time. At speed N it is N times faster; at 0,
 * as fast as the ports take it. The hub's clock always follows trace time, but the agent stamps
 * oximeter lines and flow pulses on arrival, so only 1× keeps those timestamps true. Button and
 * e-stop presses keep their real duration at any speed (the agent debounces and times them in wall
 * time), so a session starts and stops as recorded. Deterministic: the garbage bytes come from the
 * trace's seed.
 *
 * <p>{@link #play} blocks the calling thread; a second thread drives the flow pulses.
 */
public final class DeviceReplay {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceReplay.class);

  /** What a replay sent. */
  public record Stats(long hubFrames, long oximeterLines, long hubSamples, long skipped) {}

  private final Trace trace;
  private final Wiring wiring;
  private final SerialFeed hub;
  private final SerialFeed oximeter;
  private final MockBoardPorts gpio;
  private final double speed;
  private final int[] hubId;
  private final double[] hubScale;
  private final boolean[] oximeterChannel;
  private final int flowChannel;
  private final SplittableRandom random;
  private volatile double flowHz;
  private volatile boolean pulsing;
  private final Map<Integer, Integer> lastRaw = new java.util.TreeMap<>();
  private final Map<Integer, long[]> pressedAt = new HashMap<>();
  private byte[] lastOximeterLine;
  private long hubBase;
  private long lastHubMicros;
  private int hubSeq;
  private long hubFrames;
  private long oximeterLines;
  private long hubSamples;
  private long skipped;

  /**
   * @param hub the sensor hub's port, or null if the profile has none
   * @param oximeter the oximeter's port, or null if the profile has none
   * @param gpio the board's mock GPIO
   * @param speed 1 for real time, N for N times faster, 0 for as fast as possible
   * @throws IllegalArgumentException if a trace channel is not wired in the profile
   */
  public DeviceReplay(
      Trace trace,
      DeviceProfile profile,
      SerialFeed hub,
      SerialFeed oximeter,
      MockBoardPorts gpio,
      double speed) {
    this.trace = trace;
    this.wiring = profile.wiring();
    this.hub = hub;
    this.oximeter = oximeter;
    this.gpio = gpio;
    this.speed = speed;
    List<TraceChannel> channels = trace.header().channels();
    hubId = new int[channels.size()];
    hubScale = new double[channels.size()];
    oximeterChannel = new boolean[channels.size()];
    int flow = -1;
    for (int c = 0; c < channels.size(); c++) {
      String name = channels.get(c).name();
      hubId[c] = -1;
      for (Wiring.HubMapping mapping :
          wiring.sensorHub().map(Wiring.SensorHub::channels).orElse(List.of())) {
        if (mapping.channel().equals(name)) {
          hubId[c] = mapping.id();
          hubScale[c] = mapping.scale();
        }
      }
      oximeterChannel[c] =
          wiring
              .oximeter()
              .map(o -> o.spo2Channel().equals(name) || o.heartRateChannel().equals(name))
              .orElse(false);
      if (wiring.flowMeter().map(f -> f.channel().equals(name)).orElse(false)) {
        flow = c;
      }
      if (hubId[c] < 0 && !oximeterChannel[c] && flow != c) {
        throw new IllegalArgumentException(
            "trace channel "
                + name
                + " is not wired to the hub, oximeter or flow meter in "
                + profile.source());
      }
    }
    for (int c = 0; c < channels.size(); c++) {
      if ((hubId[c] >= 0 && hub == null) || (oximeterChannel[c] && oximeter == null)) {
        throw new IllegalArgumentException(
            "trace channel " + channels.get(c).name() + " needs a serial port that was not given");
      }
    }
    this.flowChannel = flow;
    this.random = new SplittableRandom(trace.header().seed() == null ? 0 : trace.header().seed());
  }

  /**
   * Plays the whole trace. Blocks until the last row is written.
   *
   * @throws IOException if a port fails outside a scripted unplug
   */
  public Stats play() throws IOException, InterruptedException {
    Thread pulses = startPulses();
    try {
      if (hub != null) {
        hub.write(
            HubFrameWriter.frame(
                HubFrame.TYPE_HELLO, hubSeq++, HubFrameWriter.hello(1, 0, 4242, hubMappings())));
      }
      long startNanos = System.nanoTime();
      hubBase = 1_000_000L + random.nextInt(1_000_000);
      List<TraceEvent> events = trace.events();
      int e = 0;
      int i = 0;
      int n = trace.sampleCount();
      Map<String, Double> oximeterValues = new HashMap<>();
      List<Integer> ids = new ArrayList<>();
      List<Integer> raws = new ArrayList<>();
      while (i < n || e < events.size()) {
        long nextSample = i < n ? trace.timeUs(i) : Long.MAX_VALUE;
        long nextEvent = e < events.size() ? events.get(e).timeUs() : Long.MAX_VALUE;
        long now = Math.min(nextSample, nextEvent);
        waitUntil(startNanos, now);
        while (e < events.size() && events.get(e).timeUs() == now) {
          event(events.get(e++));
        }
        ids.clear();
        raws.clear();
        oximeterValues.clear();
        while (i < n && trace.timeUs(i) == now) {
          int c = trace.channel(i);
          double value = trace.value(i);
          if (hubId[c] >= 0) {
            ids.add(hubId[c]);
            raws.add((int) Math.round(value / hubScale[c]));
          } else if (oximeterChannel[c]) {
            oximeterValues.put(trace.header().channels().get(c).name(), value);
          } else if (c == flowChannel) {
            flowHz = value * wiring.flowMeter().orElseThrow().kFactor();
          }
          i++;
        }
        if (!ids.isEmpty()) {
          sendHub(hubBase + now, ids, raws);
        }
        if (!oximeterValues.isEmpty()) {
          sendOximeter(oximeterValues);
        }
      }
    } finally {
      stopPulses(pulses);
    }
    return new Stats(hubFrames, oximeterLines, hubSamples, skipped);
  }

  /**
   * After {@link #play}: keeps the sensors alive for {@code duration} with the trace's last values
   * (a hub frame every 100 ms, an oximeter line every second, the flow pulses at the last rate), as
   * real sensors keep streaming between sessions. No session runs, so nothing is recorded. Blocks.
   */
  public void idle(java.time.Duration duration) throws IOException, InterruptedException {
    Thread pulses = startPulses();
    try {
      long start = System.nanoTime();
      long hubMicros = lastHubMicros;
      for (int tick = 1; System.nanoTime() - start < duration.toNanos(); tick++) {
        Thread.sleep(100);
        hubMicros += 100_000;
        if (hub != null && !lastRaw.isEmpty()) {
          List<Integer> ids = new ArrayList<>(lastRaw.keySet());
          List<Integer> raws = new ArrayList<>(lastRaw.values());
          sendHub(hubMicros, ids, raws);
        }
        if (oximeter != null && lastOximeterLine != null && tick % 10 == 0) {
          oximeter.write(lastOximeterLine);
        }
      }
      lastHubMicros = hubMicros;
    } finally {
      stopPulses(pulses);
    }
  }

  private Thread startPulses() {
    if (flowChannel < 0) {
      return null;
    }
    pulsing = true;
    Thread pulses = new Thread(this::pulseLoop, "replay-flow-pulses");
    pulses.setDaemon(true);
    pulses.start();
    return pulses;
  }

  private void stopPulses(Thread pulses) throws InterruptedException {
    pulsing = false;
    if (pulses != null) {
      pulses.interrupt();
      pulses.join(1000);
    }
  }

  private int hubMappings() {
    return wiring.sensorHub().map(h -> h.channels().size()).orElse(0);
  }

  private void sendHub(long hubMicros, List<Integer> ids, List<Integer> raws) throws IOException {
    int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
    int[] rawArray = raws.stream().mapToInt(Integer::intValue).toArray();
    for (int k = 0; k < idArray.length; k++) {
      lastRaw.put(idArray[k], rawArray[k]);
    }
    lastHubMicros = hubMicros;
    try {
      hub.write(
          HubFrameWriter.frame(
              HubFrame.TYPE_SAMPLES,
              hubSeq++ & 0xFFFF,
              HubFrameWriter.samples(hubMicros, idArray, rawArray)));
      hubFrames++;
      hubSamples += idArray.length;
    } catch (IOException e) {
      skipped += idArray.length;
      LOG.debug("hub frame not written ({}); counted as skipped", e.getMessage());
    }
  }

  private void sendOximeter(Map<String, Double> values) throws IOException {
    Wiring.Oximeter wired = wiring.oximeter().orElseThrow();
    Double spo2 = values.get(wired.spo2Channel());
    Double hr = values.get(wired.heartRateChannel());
    String line =
        String.format(
            "SPO2=%s HR=%s\r\n",
            spo2 == null ? "---" : String.format("%03d", Math.round(spo2)),
            hr == null ? "---" : String.format("%03d", Math.round(hr)));
    lastOximeterLine = line.getBytes(StandardCharsets.US_ASCII);
    oximeter.write(lastOximeterLine);
    oximeterLines++;
  }

  private void event(TraceEvent event) throws IOException, InterruptedException {
    switch (event.name()) {
      case "button" ->
          press(wiring.startStopButton().orElseThrow(() -> unwired(event)).pin(), event);
      case "estop" -> press(wiring.emergencyStop().orElseThrow(() -> unwired(event)), event);
      case "switch" -> {
        String[] parts = event.arg().split("=", -1);
        Wiring.Pin pin = wiring.switches().get(parts[0]);
        if (pin == null || parts.length != 2 || parts[1].isEmpty()) {
          throw unwired(event);
        }
        boolean closed = parts[1].equals("closed");
        gpio.drive(pin.pin(), closed != pin.activeLow());
      }
      case "fault" -> fault(event);
      default -> throw unwired(event);
    }
  }

  private void press(Wiring.Pin pin, TraceEvent event) throws InterruptedException {
    boolean pressed = event.arg().equals("press");
    if (speed != 1) {
      // A person's press lasts as long at any replay speed: the agent debounces it and tells a
      // short press from a long one in wall time. Hold a release until the real duration passed.
      long[] press = pressedAt.get(pin.pin());
      if (!pressed && press != null) {
        long heldNanos = (event.timeUs() - press[1]) * 1000;
        long wait = press[0] + heldNanos - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    }
    gpio.drive(pin.pin(), pressed != pin.activeLow());
    if (pressed) {
      pressedAt.put(pin.pin(), new long[] {System.nanoTime(), event.timeUs()});
    } else if (speed != 1) {
      pressedAt.remove(pin.pin());
      Thread.sleep(100); // let the agent act on the release before the data flood goes on
    }
  }

  private void fault(TraceEvent event) throws IOException {
    String[] parts = event.arg().split(" ", -1);
    if (parts.length < 2) {
      throw unwired(event);
    }
    SerialFeed port =
        switch (parts[0]) {
          case "sensorHub" -> hub;
          case "oximeter" -> oximeter;
          default -> null;
        };
    if (port == null) {
      throw unwired(event);
    }
    switch (parts[1]) {
      case "garbage" -> {
        if (parts.length < 3) {
          throw unwired(event);
        }
        byte[] noise = new byte[Integer.parseInt(parts[2])];
        for (int k = 0; k < noise.length; k++) {
          noise[k] = (byte) random.nextInt(256);
        }
        port.write(noise);
      }
      case "unplug" -> port.unplug();
      case "replug" -> port.replug();
      default -> throw unwired(event);
    }
    LOG.info("fault played on {}: {}", port.name(), event.arg());
  }

  private IllegalArgumentException unwired(TraceEvent event) {
    return new IllegalArgumentException(
        "event @" + event.name() + " " + event.arg() + " has nothing to act on in this profile");
  }

  private void waitUntil(long startNanos, long traceMicros) throws InterruptedException {
    if (speed <= 0) {
      return;
    }
    long due = startNanos + (long) (traceMicros * 1000 / speed);
    long left;
    while ((left = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(Math.min(left, 50_000_000L));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** Toggles the flow meter's pin at the current flow's pulse rate, in wall time. */
  private void pulseLoop() {
    int pin = wiring.flowMeter().orElseThrow().pin();
    boolean level = false;
    long next = System.nanoTime();
    while (!Thread.currentThread().isInterrupted() && pulsing) {
      double hz = flowHz * Math.max(speed, 1);
      if (hz <= 0.01) {
        LockSupport.parkNanos(20_000_000L);
        next = System.nanoTime();
        continue;
      }
      next += (long) (500_000_000L / hz); // two edges per pulse
      long left = next - System.nanoTime();
      if (left > 0) {
        LockSupport.parkNanos(left);
      }
      level = !level;
      gpio.drive(pin, level);
    }
  }
}
