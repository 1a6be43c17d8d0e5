package org.rehabtelemetry.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceFormat;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.demo.Demo;
import org.rehabtelemetry.simulator.fleet.Fleet;
import org.rehabtelemetry.simulator.model.TraceLibrary;
import org.rehabtelemetry.simulator.replay.DeviceReplay;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;

/**
 * The simulator's command line: {@code java -jar simulator.jar COMMAND [options]}. Exit codes: 0
 * done, 1 failed, 2 bad usage.
 */
public final class SimulatorMain {
  static final String USAGE =
      """
      usage: simulator COMMAND [options]
        demo    [--port 8090] [--state DIR] [--broker tcp://H:P] [--influx URL --database DB]
                [--session-seconds 150] [--speed 1] [--password PW]
                    broker, gateway, store, dashboard and one agent per device kind on simulated
                    hardware, replaying the trace library in a loop; Ctrl-C stops it
        traces  list | write NAME FILE [--seconds S] | write-all DIR [--seconds S]
                    the trace library (FILE ending .gz is gzipped)
        device  --kind KIND --broker tcp://H:P (--trace FILE | --library NAME) [--id ID]
                [--seconds S] [--speed 1] [--serial pty|memory] [--state DIR]
                    one agent on simulated hardware replaying one trace, then exits
        fleet   --broker tcp://H:P [--devices 20] [--seconds 60] [--trace-seconds 600]
                [--speed 1] [--batch-ms 500]
                    N virtual devices on the wire protocol, for load
      """;

  private SimulatorMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length == 0) {
      System.err.print(USAGE);
      return 2;
    }
    try {
      Map<String, String> options = options(args, args[0].equals("traces") ? 2 : 1);
      return switch (args[0]) {
        case "demo" -> demo(options);
        case "traces" -> traces(args, options);
        case "device" -> device(options);
        case "fleet" -> fleet(options);
        default -> usage("unknown command " + args[0]);
      };
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (Exception e) {
      System.err.println("failed: " + e);
      return 1;
    }
  }

  private static int demo(Map<String, String> options) throws Exception {
    Path state = Path.of(options.getOrDefault("state", "demo-state"));
    Demo demo =
        new Demo(
            new Demo.Options(
                state,
                options.get("broker"),
                options.get("influx"),
                options.getOrDefault("database", "rehab"),
                integer(options, "port", 8090),
                number(options, "session-seconds", 150),
                number(options, "speed", 1),
                options.get("password")));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping the demo...");
                  demo.close();
                  System.out.println("demo stopped.");
                  stopped.countDown();
                },
                "demo-shutdown"));
    try {
      demo.start();
    } catch (java.net.BindException e) {
      System.err.println(
          "cannot start the demo: port "
              + integer(options, "port", 8090)
              + " is in use (another demo running? choose one with --port)");
      return 1;
    }
    StringBuilder banner = new StringBuilder();
    banner.append("\nrehab-telemetry demo is running (state in ").append(state).append(")\n");
    banner.append("  dashboard : ").append(demo.dashboardUrl()).append('\n');
    banner.append("  login     : operator / ").append(demo.password()).append('\n');
    banner.append("  broker    : ").append(demo.broker()).append('\n');
    banner.append("  storage   : ").append(demo.storage()).append('\n');
    for (SimulatedDevice device : demo.devices()) {
      banner
          .append("  device    : ")
          .append(device.deviceId())
          .append(" (")
          .append(device.profile().kind().wireName())
          .append("), touch UI http://")
          .append(device.uiAddress())
          .append("/\n");
    }
    banner.append("Press Ctrl-C to stop.\n");
    System.out.print(banner);
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static int traces(String[] args, Map<String, String> options) throws Exception {
    String what = args.length > 1 ? args[1] : "list";
    switch (what) {
      case "list" -> {
        for (TraceLibrary.Entry entry : TraceLibrary.entries()) {
          System.out.printf(
              "%-28s %-16s seed %-5d %5.0f s  %s%n",
              entry.name(),
              entry.kind().wireName(),
              entry.seed(),
              entry.defaultDurationS(),
              entry.description());
        }
        return 0;
      }
      case "write" -> {
        List<String> rest = positional(args, 2);
        if (rest.size() != 2) {
          return usage("traces write NAME FILE");
        }
        TraceLibrary.Entry entry =
            TraceLibrary.find(rest.get(0))
                .orElseThrow(() -> new IllegalArgumentException("no library trace " + rest.get(0)));
        Trace trace = entry.generate(number(options, "seconds", entry.defaultDurationS()));
        TraceFormat.write(trace, Path.of(rest.get(1)));
        System.out.println(rest.get(1) + ": " + trace.sampleCount() + " samples");
        return 0;
      }
      case "write-all" -> {
        List<String> rest = positional(args, 2);
        if (rest.size() != 1) {
          return usage("traces write-all DIR");
        }
        Path dir = Files.createDirectories(Path.of(rest.get(0)));
        for (TraceLibrary.Entry entry : TraceLibrary.entries()) {
          Trace trace = entry.generate(number(options, "seconds", entry.defaultDurationS()));
          Path file = dir.resolve(entry.name() + ".trace.gz");
          TraceFormat.write(trace, file);
          System.out.println(file + ": " + trace.sampleCount() + " samples");
        }
        return 0;
      }
      default -> {
        return usage("traces list | write | write-all");
      }
    }
  }

  private static int device(Map<String, String> options) throws Exception {
    DeviceKind kind = DeviceKind.parse("--kind", required(options, "kind"));
    Trace trace;
    if (options.containsKey("trace")) {
      trace = TraceFormat.read(Path.of(options.get("trace")));
    } else {
      TraceLibrary.Entry entry =
          TraceLibrary.find(required(options, "library"))
              .orElseThrow(() -> new IllegalArgumentException("no library trace"));
      trace = entry.generate(number(options, "seconds", entry.defaultDurationS()));
    }
    String id = options.getOrDefault("id", "sim-" + kind.wireName());
    try (SimulatedDevice device =
        SimulatedDevice.start(
            new SimulatedDevice.Options(
                kind,
                id,
                options.getOrDefault("site", "ward-b"),
                required(options, "broker"),
                Path.of(options.getOrDefault("state", "sim-state/" + id)),
                options.getOrDefault("serial", "pty").equals("memory")
                    ? SimulatedDevice.SerialMode.IN_MEMORY
                    : SimulatedDevice.SerialMode.PTY,
                java.time.Duration.ofMillis(500),
                -1,
                false))) {
      long start = System.nanoTime();
      DeviceReplay.Stats stats = device.play(trace, number(options, "speed", 1), "P-SIM001");
      System.out.printf(
          "%s: %s replayed in %.1f s: %d hub frames, %d oximeter lines, %d skipped%n",
          id,
          trace.header().name(),
          (System.nanoTime() - start) / 1e9,
          stats.hubFrames(),
          stats.oximeterLines(),
          stats.skipped());
      Thread.sleep(3_000); // let the agent publish the last batch and the summary
    }
    return 0;
  }

  private static int fleet(Map<String, String> options) throws Exception {
    int count = integer(options, "devices", 20);
    try (Fleet fleet =
        new Fleet(
            required(options, "broker"),
            options.getOrDefault("site", "ward-b"),
            count,
            number(options, "trace-seconds", 600),
            number(options, "speed", 1),
            integer(options, "batch-ms", 500))) {
      fleet.connect();
      Fleet.Result result = fleet.run(number(options, "seconds", 60));
      System.out.println(result);
    }
    return 0;
  }

  private static Map<String, String> options(String[] args, int from) {
    Map<String, String> options = new HashMap<>();
    for (int i = from; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        options.put(args[i].substring(2), args[++i]);
      }
    }
    return options;
  }

  private static List<String> positional(String[] args, int from) {
    List<String> values = new ArrayList<>();
    for (int i = from; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        i++;
      } else {
        values.add(args[i]);
      }
    }
    return values;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static int integer(Map<String, String> options, String name, int fallback) {
    try {
      return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number");
    }
  }

  private static double number(Map<String, String> options, String name, double fallback) {
    try {
      return options.containsKey(name) ? Double.parseDouble(options.get(name)) : fallback;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number");
    }
  }

  private static int usage(String problem) {
    System.err.println(problem);
    System.err.print(USAGE);
    return 2;
  }
}
