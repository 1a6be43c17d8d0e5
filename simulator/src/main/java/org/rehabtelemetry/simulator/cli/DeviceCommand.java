package org.rehabtelemetry.simulator.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceFormat;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator device}: one agent on simulated hardware replays one trace, then exits. */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description = "One agent on simulated hardware replaying one trace, then it exits.")
final class DeviceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--kind", required = true, description = "a built-in kind, e.g. verticalizer")
  String kind;

  @Option(names = "--broker", required = true, description = "tcp://HOST:PORT")
  String broker;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--trace", description = "a trace file")
    Path trace;

    @Option(names = "--library", description = "a library trace's name")
    String library;
  }

  @Option(names = "--id", description = "the device id (default: sim-KIND)")
  String id;

  @Option(names = "--site", defaultValue = "ward-b")
  String site;

  @Option(names = "--seconds", description = "the library trace's length")
  Double seconds;

  @Option(names = "--speed", defaultValue = "1", description = "1 = real time, 0 = flat out")
  double speed;

  @Option(
      names = "--serial",
      defaultValue = "pty",
      description = "pty (socat pseudo-terminals, jssc) or memory")
  String serial;

  @Option(names = "--state", description = "state directory (default: sim-state/ID)")
  Path state;

  @Override
  public Integer call() throws Exception {
    DeviceKind deviceKind;
    try {
      deviceKind = DeviceKind.parse("--kind", kind);
    } catch (ProtocolException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--kind " + e.reason());
    }
    if (!DeviceProfiles.builtInKinds().contains(deviceKind)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--kind must be one of " + DeviceProfiles.builtInKinds() + ", was " + kind);
    }
    if (!serial.equals("pty") && !serial.equals("memory")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--serial must be pty or memory, was " + serial);
    }
    Trace trace;
    if (source.trace != null) {
      trace = TraceFormat.read(source.trace);
    } else {
      TraceLibrary.Entry entry =
          TraceLibrary.find(source.library)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(), "no library trace " + source.library));
      trace = entry.generate(seconds == null ? entry.defaultDurationS() : seconds);
    }
    String deviceId = id != null ? id : "sim-" + deviceKind.wireName();
    try (SimulatedDevice device =
        SimulatedDevice.start(
            new SimulatedDevice.Options(
                deviceKind,
                deviceId,
                site,
                broker,
                state != null ? state : Path.of("sim-state", deviceId),
                serial.equals("memory")
                    ? SimulatedDevice.SerialMode.IN_MEMORY
                    : SimulatedDevice.SerialMode.PTY,
                Duration.ofMillis(500),
                -1,
                false))) {
      long start = System.nanoTime();
      DeviceReplay.Stats stats = device.play(trace, speed, "P-SIM001");
      spec.commandLine()
          .getOut()
          .printf(
              "%s: %s replayed in %.1f s: %d hub frames, %d oximeter lines, %d skipped%n",
              deviceId,
              trace.header().name(),
              (System.nanoTime() - start) / 1e9,
              stats.hubFrames(),
              stats.oximeterLines(),
              stats.skipped());
      Thread.sleep(3_000); // let the agent publish the last batch and the summary
    }
    return 0;
  }
}
