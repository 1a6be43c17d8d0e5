package org.rehabtelemetry.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rehabtelemetry.agent.api.ControlApi;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.config.AgentConfigLoader;
import org.rehabtelemetry.agent.publish.PahoTransport;
import org.rehabtelemetry.agent.publish.TlsSockets;
import org.rehabtelemetry.agent.time.ClockSync;
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.hardware.port.MonotonicClock;

/**
 * The agent's command line.
 *
 * <pre>
 * agent run --config agent.yaml                    run the agent (until SIGTERM)
 * agent session start --patient P-7F3A --programme standing [--set targetTiltDeg=60 ...]
 * agent session pause|resume|stop [--reason text]
 * agent session status
 * agent alarm ack ALARM_ID
 * agent estop reset
 * </pre>
 *
 * The commands other than {@code run} talk to the running agent's control API ({@code --api
 * 127.0.0.1:8088} by default). Exit codes: 0 done, 1 refused or failed (the reason is printed), 2
 * bad usage or bad config.
 */
public final class AgentMain {
  private static final String USAGE =
      String.join(
          "\n",
          "usage: agent run --config FILE",
          "       agent session start --patient CODE --programme NAME [--set KEY=NUMBER ...] [--api HOST:PORT]",
          "       agent session pause|resume|stop [--reason TEXT] [--api HOST:PORT]",
          "       agent session status [--api HOST:PORT]",
          "       agent alarm ack ALARM_ID [--api HOST:PORT]",
          "       agent estop reset [--api HOST:PORT]");

  private AgentMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      return switch (options.command()) {
        case "run" -> runAgent(options, out, err);
        case "session status" -> call(options, "GET", "/api/status", null, out, err);
        case "session start" ->
            call(options, "POST", "/api/session/start", startBody(options), out, err);
        case "session pause", "session resume", "session stop" ->
            call(
                options,
                "POST",
                "/api/session/" + options.command().substring(8),
                reasonBody(options),
                out,
                err);
        case "alarm ack" ->
            call(
                options,
                "POST",
                "/api/alarms/ack",
                "{\"alarmId\":" + quote(options.argument()) + "}",
                out,
                err);
        case "estop reset" -> call(options, "POST", "/api/estop/reset", "{}", out, err);
        default -> {
          err.println("unknown command: " + options.command());
          err.println(USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static int runAgent(Options options, PrintStream out, PrintStream err) {
    if (options.config() == null) {
      err.println("run needs --config FILE");
      return 2;
    }
    AgentConfig config;
    try {
      config = AgentConfigLoader.load(Path.of(options.config()));
    } catch (ConfigException e) {
      err.println("config error: " + e.getMessage());
      return 2;
    }
    DeviceAgent agent =
        new DeviceAgent(
            config, Clock.systemUTC(), MonotonicClock.SYSTEM, ClockSync.systemd(), null);
    javax.net.SocketFactory sockets =
        config.caFile() == null ? null : TlsSockets.trusting(config.caFile());
    agent.start(new PahoTransport(config.mqtt(), sockets));
    ControlApi api;
    try {
      api = new ControlApi(agent, config.uiBind(), config.uiPort());
    } catch (IOException e) {
      err.println(
          "cannot listen on " + config.uiBind() + ":" + config.uiPort() + ": " + e.getMessage());
      agent.close();
      return 1;
    }
    api.start();
    out.println("agent " + config.deviceId() + " running; control API http://" + api.address());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  agent.close();
                  stopped.countDown();
                },
                "agent-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int call(
      Options options, String method, String path, String body, PrintStream out, PrintStream err) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + options.api() + path))
            .timeout(Duration.ofSeconds(10));
    if (method.equals("POST")) {
      request
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      (response.statusCode() == 200 ? out : err).println(response.body());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      err.println("cannot reach the agent at " + options.api() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static String startBody(Options options) {
    if (options.patient() == null || options.programme() == null) {
      throw new IllegalArgumentException("session start needs --patient CODE and --programme NAME");
    }
    StringBuilder settings = new StringBuilder();
    for (String pair : options.settings()) {
      String[] parts = pair.split("=", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("--set takes KEY=NUMBER, got " + pair);
      }
      try {
        Double.parseDouble(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--set " + parts[0] + " needs a number, got " + parts[1]);
      }
      settings
          .append(settings.length() == 0 ? "" : ",")
          .append(quote(parts[0]))
          .append(':')
          .append(parts[1]);
    }
    return "{\"patientCode\":"
        + quote(options.patient())
        + ",\"programme\":"
        + quote(options.programme())
        + ",\"reason\":\"cli\",\"settings\":{"
        + settings
        + "}}";
  }

  private static String reasonBody(Options options) {
    return "{\"reason\":" + quote(options.reason() == null ? "cli" : options.reason()) + "}";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Parsed command line. */
  record Options(
      String command,
      String argument,
      String config,
      String api,
      String patient,
      String programme,
      String reason,
      List<String> settings) {

    static Options parse(String[] args) {
      if (args.length == 0) {
        throw new IllegalArgumentException("no command given");
      }
      String command = args[0];
      int at = 1;
      if (!command.equals("run")) {
        if (args.length < 2) {
          throw new IllegalArgumentException("'" + command + "' needs a subcommand");
        }
        command = command + " " + args[1];
        at = 2;
      }
      String argument = null;
      String config = null;
      String api = "127.0.0.1:8088";
      String patient = null;
      String programme = null;
      String reason = null;
      List<String> settings = new ArrayList<>();
      while (at < args.length) {
        String arg = args[at++];
        if (!arg.startsWith("--")) {
          argument = arg;
          continue;
        }
        if (at >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        String value = args[at++];
        switch (arg) {
          case "--config" -> config = value;
          case "--api" -> api = value;
          case "--patient" -> patient = value;
          case "--programme" -> programme = value;
          case "--reason" -> reason = value;
          case "--set" -> settings.add(value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (command.equals("alarm ack") && argument == null) {
        throw new IllegalArgumentException("alarm ack needs an ALARM_ID");
      }
      return new Options(command, argument, config, api, patient, programme, reason, settings);
    }
  }
}
