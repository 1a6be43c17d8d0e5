package org.rehabtelemetry.simulator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.rehabtelemetry.agent.publish.ReceiptSettings;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * Replays a one-hour verticalizer trace (default; minutes as the argument) as fast as possible
 * through the device-level path: socat ptys, jssc, the sensor-hub and oximeter drivers, the agent
 * recording it as one session and publishing to a private Mosquitto. Prints the generation time,
 * the replay time and the speed-up over real time, and how long the agent took to publish it all.
 * Figures only; asserts nothing. Run with {@code scripts/bench-replay [minutes]}.
 */
public final class ReplayBench {
  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 60;
    Path dir = Files.createTempDirectory("rt-replay-bench-");
    long generateStart = System.nanoTime();
    Trace trace = TraceLibrary.find("verticalizer-normal").orElseThrow().generate(minutes * 60);
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
    try (MosquittoServer broker = new MosquittoServer()) {
      broker.start();
      try (SimulatedDevice device =
          SimulatedDevice.start(
              new SimulatedDevice.Options(
                  DeviceKind.VERTICALIZER,
                  "vert-bench",
                  "ward-b",
                  broker.uri(),
                  dir.resolve("agent"),
                  SimulatedDevice.SerialMode.PTY,
                  Duration.ofMillis(500),
                  -1,
                  false,
                  "",
                  ReceiptSettings.Mode.IGNORE))) { // no gateway: freed on the broker's ack
        java.util.concurrent.atomic.AtomicLong publishedSamples =
            new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong publishedTilt =
            new java.util.concurrent.atomic.AtomicLong();
        org.rehabtelemetry.protocol.MessageCodec codec =
            new org.rehabtelemetry.protocol.MessageCodec();
        org.eclipse.paho.client.mqttv3.MqttClient counter =
            new org.eclipse.paho.client.mqttv3.MqttClient(
                broker.uri(),
                "bench-counter",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        counter.connect();
        counter.subscribe(
            "rehab/v1/+/+/samples",
            1,
            (topic, message) -> {
              for (org.rehabtelemetry.protocol.ChannelSamples channel :
                  ((org.rehabtelemetry.protocol.SampleBatch)
                          codec.decode(topic, message.getPayload()))
                      .channels()) {
                (channel.channel().equals("tiltDeg") ? publishedTilt : publishedSamples)
                    .addAndGet(channel.size());
              }
            });
        long start = System.nanoTime();
        DeviceReplay.Stats stats = device.play(trace, 0, "P-BENCH01");
        double replaySeconds = (System.nanoTime() - start) / 1e9;
        long published = System.nanoTime();
        while (device.agent().status().session() != null
            || device.agent().status().journal().unsentRecords() > 0) {
          Thread.sleep(100);
          if (System.nanoTime() - published > 600e9) {
            break;
          }
        }
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1000);
        counter.disconnect();
        counter.close();
        long expected = trace.sampleCount() - trace.count("tiltDeg");
        System.out.printf(
            "trace: %s, %.0f min, %d samples, %d events; generated in %.2f s%n",
            trace.header().name(),
            minutes,
            trace.sampleCount(),
            trace.events().size(),
            generateSeconds);
        System.out.printf(
            "replay as fast as possible through ptys and the real drivers: %.2f s"
                + " (%.0f x real time), %d hub frames, %d oximeter lines, %.0f samples/s%n",
            replaySeconds,
            minutes * 60 / replaySeconds,
            stats.hubFrames(),
            stats.oximeterLines(),
            trace.sampleCount() / replaySeconds);
        System.out.printf(
            "agent: session ended and every record published after %.2f s; raw-rate channels:"
                + " %d of %d samples published (%s)%n",
            drainSeconds,
            publishedSamples.get(),
            expected,
            publishedSamples.get() == expected ? "all" : "NOT all");
        System.out.printf(
            "tilt (averaged to 10 Hz on the agent's clock): %d means published for %d samples;"
                + " above 1x the hub's timestamps run ahead of that clock, so only a 1x replay"
                + " gives the %d means of real time%n",
            publishedTilt.get(), trace.count("tiltDeg"), trace.count("tiltDeg") / 5);
      }
    }
  }
}
