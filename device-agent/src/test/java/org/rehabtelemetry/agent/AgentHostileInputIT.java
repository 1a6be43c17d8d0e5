package org.rehabtelemetry.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.agent.session.SessionState;
import org.rehabtelemetry.agent.ui.ControlApi;
import org.rehabtelemetry.hardware.fault.FaultKind;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.hardware.hub.HubFrame;
import org.rehabtelemetry.hardware.hub.HubFrameWriter;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * The agent under hostile input while a session records: garbage, forged and truncated frames
 * between the sensor hub's good frames on a real pty, and hostile requests on the control API
 * (wrong Host, a cross-site origin, no JSON content type, oversized and malformed bodies, a forged
 * patient code, settings out of range, control characters in a reason, unknown alarms, and a
 * flood). The session keeps running untouched, every good hub frame's sample is recorded exactly
 * once, and every message of the session arrives with contiguous seqs.
 */
class AgentHostileInputIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @TempDir Path dir;

  @Test
  void hostileBytesAndRequests_leaveTheSessionRecordingCorrectly() throws Exception {
    AgentConfig config =
        AgentBrokerOutageIT.config(dir, mosquitto.server().uri(), pty.server().deviceEnd(), 0);
    DeviceAgent agent =
        new DeviceAgent(
            config,
            Clock.systemUTC(),
            MonotonicClock.SYSTEM,
            () -> true,
            TestAgentConfigs.mockBoard());
    try (SessionCollector collector = new SessionCollector(mosquitto.server().uri());
        HostileHub hub = new HostileHub(pty.server().peerEnd())) {
      agent.start(new PahoTransport(config.mqtt()));
      hub.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> agent.status().live().containsKey("loadLeftKg"));
      try (ControlApi api = new ControlApi(agent, "127.0.0.1", 0)) {
        int port = Integer.parseInt(api.address().replaceAll(".*:", ""));
        String sessionId =
            agent
                .commands()
                .startSession(
                    new SessionSetup("P-7F3A", "standing", Map.of("targetTiltDeg", 60.0)),
                    "therapist");
        hub.hostile(true);

        Map<String, Integer> answers = attack(port);
        for (Map.Entry<String, Integer> answer : answers.entrySet()) {
          assertTrue(
              answer.getValue() >= 400 && answer.getValue() < 500 || answer.getValue() == 503,
              answer.getKey() + " was answered " + answer.getValue());
        }
        assertEquals(421, answers.get("Host: evil.example"));
        assertEquals(403, answers.get("Origin: http://evil.example"));
        assertEquals(415, answers.get("stop as a form"));
        assertEquals(413, answers.get("a 2 MB body"));
        assertEquals(SessionState.RUNNING, agent.status().state(), "nothing changed the session");
        assertEquals(sessionId, agent.status().session().sessionId());
        assertEquals(60.0, agent.status().session().settings().get("targetTiltDeg"));
        assertEquals(200, post(port, "/api/session/pause", "{}"), "a real request works");
        assertEquals(200, post(port, "/api/session/resume", "{}"));

        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        hub.hostile(false);
        long lastFrame = hub.frames();
        await().atMost(Duration.ofSeconds(3)).until(() -> hub.frames() > lastFrame + 40);
        agent.commands().stopSession("therapist");
        await().atMost(Duration.ofSeconds(20)).until(() -> collector.summary(sessionId) != null);
        SessionSummary summary = collector.summary(sessionId);
        List<Long> order = new ArrayList<>();
        Map<Long, Message> bySeq = collector.bySeq(sessionId, order);
        for (long seq = 0; seq <= summary.session().seq(); seq++) {
          assertTrue(bySeq.containsKey(seq), "seq " + seq + " arrived");
        }
        // Frame n carries n grams on the left: the recorded values are a run of whole frames, each
        // once, with none lost between the first and the last (paused frames excepted).
        List<Double> left = SessionCollector.values(bySeq, "loadLeftKg");
        assertTrue(left.size() > 200, "samples recorded: " + left.size());
        for (int i = 1; i < left.size(); i++) {
          long step = Math.round((left.get(i) - left.get(i - 1)) * 1000);
          assertTrue(step >= 1, "each frame once, in order, at " + i + ": " + step);
        }
        long gaps = 0;
        for (int i = 1; i < left.size(); i++) {
          if (Math.round((left.get(i) - left.get(i - 1)) * 1000) != 1) {
            gaps++;
          }
        }
        assertTrue(gaps <= 1, "no good frame lost to the garbage (one gap: the pause): " + gaps);
        SensorStatus hubStatus =
            agent.status().sensors().stream()
                .filter(sensor -> sensor.sensor().equals("sensorHub"))
                .findFirst()
                .orElseThrow();
        assertEquals(
            0,
            hubStatus.count(FaultKind.LOST_FRAMES),
            "no loss reported where none was: " + hubStatus);
        assertTrue(
            hubStatus.count(FaultKind.BAD_CRC) > 0 && hubStatus.count(FaultKind.BAD_LENGTH) > 0);
        System.out.printf(
            "agent hostile input: %d hostile chunks on the hub, %d hostile requests, %d samples"
                + " recorded in order, hub CRC errors counted %s%n",
            hub.hostileChunks(), answers.size(), left.size(), agent.status().sensors());
      }
    } finally {
      agent.close();
    }
  }

  /** Hostile requests by name, with the status each got. */
  private static Map<String, Integer> attack(int port) throws IOException {
    Map<String, Integer> answers = new LinkedHashMap<>();
    String json = "application/json";
    answers.put(
        "Host: evil.example",
        raw(port, "POST", "/api/session/stop", "evil.example", json, null, "{}"));
    answers.put(
        "Origin: http://evil.example",
        raw(port, "POST", "/api/session/stop", null, json, "http://evil.example", "{}"));
    answers.put(
        "stop as a form",
        raw(
            port,
            "POST",
            "/api/session/stop",
            null,
            "application/x-www-form-urlencoded",
            null,
            "reason=x"));
    answers.put(
        "a 2 MB body",
        raw(
            port,
            "POST",
            "/api/session/stop",
            null,
            json,
            null,
            "{\"reason\":\"" + "x".repeat(2 << 20) + "\"}"));
    answers.put("malformed JSON", post(port, "/api/session/stop", "{\"reason\":"));
    answers.put("a JSON array", post(port, "/api/session/stop", "[1,2,3]"));
    answers.put("a tab in the reason", post(port, "/api/session/stop", "{\"reason\":\"a\\tb\"}"));
    answers.put(
        "a 600-character reason",
        post(port, "/api/session/pause", "{\"reason\":\"" + "r".repeat(600) + "\"}"));
    answers.put(
        "a name as patient code",
        post(
            port,
            "/api/session/arm",
            "{\"patientCode\":\"Ivanov Ivan 2015-03-01\",\"programme\":\"standing\"}"));
    answers.put(
        "a setting out of range",
        post(
            port,
            "/api/session/arm",
            "{\"patientCode\":\"P-1\",\"programme\":\"standing\",\"settings\":{\"targetTiltDeg\":500}}"));
    answers.put(
        "an unknown setting",
        post(
            port,
            "/api/session/arm",
            "{\"patientCode\":\"P-123\",\"programme\":\"standing\",\"settings\":{\"x\":1}}"));
    answers.put(
        "a second start",
        post(port, "/api/session/start", "{\"patientCode\":\"P-999\",\"programme\":\"standing\"}"));
    answers.put("an unknown alarm", post(port, "/api/alarms/ack", "{\"alarmId\":\"A-none\"}"));
    answers.put("a number as alarm id", post(port, "/api/alarms/ack", "{\"alarmId\":7}"));
    answers.put("an unknown route", post(port, "/api/session/teleport", "{}"));
    for (int i = 0; i < 200; i++) {
      int status = post(port, "/api/session/stop", "{\"reason\":\"\\u0000\"}");
      answers.merge("a flood of bad stops", status, Math::max);
    }
    return answers;
  }

  private static int post(int port, String path, String body) throws IOException {
    return raw(port, "POST", path, null, "application/json", null, body);
  }

  /** One HTTP/1.1 request over a socket, so that Host and Origin are exactly as given. */
  private static int raw(
      int port,
      String method,
      String path,
      String host,
      String contentType,
      String origin,
      String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host == null ? "127.0.0.1:" + port : host).append("\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    if (origin != null) {
      head.append("Origin: ").append(origin).append("\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(UTF_8));
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        // The server may answer 413 and close before reading a large body.
      }
      InputStream in = socket.getInputStream();
      StringBuilder status = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        status.append((char) c);
      }
      String[] parts = status.toString().split(" ");
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
  }

  /**
   * The hub of {@link HubFeeder} (frame n: left n grams, right 2n grams, at 80 Hz) which, while
   * hostile, writes one of several kinds of garbage after every good frame.
   */
  private static final class HostileHub implements AutoCloseable {
    private final Path port;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong hostileChunks = new AtomicLong();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SplittableRandom random = new SplittableRandom(42);
    private volatile boolean hostile;
    private OutputStream out;

    HostileHub(Path port) {
      this.port = port;
    }

    void start() throws IOException {
      out = Files.newOutputStream(port);
      executor.scheduleAtFixedRate(this::frame, 0, 12_500, TimeUnit.MICROSECONDS);
    }

    void hostile(boolean on) {
      hostile = on;
    }

    long frames() {
      return frames.get();
    }

    long hostileChunks() {
      return hostileChunks.get();
    }

    private void frame() {
      long n = frames.get() + 1;
      byte[] good =
          HubFrameWriter.frame(
              HubFrame.TYPE_SAMPLES,
              (int) n & 0xFFFF,
              HubFrameWriter.samples(
                  n * 12_500, new int[] {1, 2}, new int[] {(int) n, (int) (2 * n)}));
      try {
        out.write(good);
        if (hostile) {
          out.write(garbage(n));
          hostileChunks.incrementAndGet();
        }
        out.flush();
        frames.set(n);
      } catch (IOException e) {
        // The pty went away; the test decides what that means.
      }
    }

    /** One of eight kinds of hostile bytes. */
    private byte[] garbage(long n) {
      switch ((int) (n % 8)) {
        case 0: // random bytes
          byte[] noise = new byte[1 + random.nextInt(64)];
          for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) random.nextInt(256);
          }
          return noise;
        case 1: // a sync pattern claiming a 65,535-byte payload
          return new byte[] {
            (byte) 0xA5, 0x5A, 1, HubFrame.TYPE_SAMPLES, 0, 0, (byte) 0xFF, (byte) 0xFF
          };
        case 2: // a good frame with its CRC broken
          byte[] broken =
              HubFrameWriter.frame(
                  HubFrame.TYPE_SAMPLES,
                  7,
                  HubFrameWriter.samples(1, new int[] {1}, new int[] {999_999}));
          broken[broken.length - 1] ^= 0x55;
          return broken;
        case 3: // a truncated frame: a header and half a payload
          byte[] whole =
              HubFrameWriter.frame(
                  HubFrame.TYPE_SAMPLES,
                  8,
                  HubFrameWriter.samples(1, new int[] {1, 2}, new int[] {5, 5}));
          return java.util.Arrays.copyOf(whole, whole.length / 2);
        case 4: // a flood of sync bytes
          byte[] syncs = new byte[40];
          for (int i = 0; i < syncs.length; i++) {
            syncs[i] = (byte) (i % 2 == 0 ? 0xA5 : 0x5A);
          }
          return syncs;
        case 5: // a frame of an unknown type
          return HubFrameWriter.frame(0x7E, 9, new byte[] {1, 2, 3});
        case 6: // an unknown protocol version in a valid-looking header
          byte[] version =
              HubFrameWriter.frame(
                  HubFrame.TYPE_SAMPLES,
                  10,
                  HubFrameWriter.samples(1, new int[] {1}, new int[] {1}));
          version[2] = 99;
          return version;
        default: // ASCII an oximeter would send, on the wrong port
          return "SPO2=097 HR=072\r\n".getBytes(UTF_8);
      }
    }

    @Override
    public void close() throws IOException {
      executor.shutdownNow();
      if (out != null) {
        out.close();
      }
    }
  }
}
