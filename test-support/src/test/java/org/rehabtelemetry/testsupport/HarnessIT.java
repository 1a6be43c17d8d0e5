package org.rehabtelemetry.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves that the harness starts real servers that real clients can use. */
class HarnessIT {
  @RegisterExtension static final MosquittoExtension MOSQUITTO = new MosquittoExtension();
  @RegisterExtension static final InfluxdExtension INFLUXD = new InfluxdExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();

  @Test
  void mosquitto_messagePublishedWithPaho_reachesSubscriber() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    try (MqttClient subscriber = client("harness-sub", true);
        MqttClient publisher = client("harness-pub", true)) {
      subscriber.subscribe("rehab/v1/test/+/status", 1, (t, m) -> received.add(t + " " + m));
      publisher.publish("rehab/v1/test/dev-1/status", "hello".getBytes(UTF_8), 1, false);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
      assertEquals("rehab/v1/test/dev-1/status hello", received.get(0));
      subscriber.disconnect();
      publisher.disconnect();
    }
  }

  @Test
  void mosquitto_restart_keepsQueuedMessagesForPersistentSession() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    try (MqttClient subscriber = client("harness-persistent", false)) {
      subscriber.subscribe("rehab/v1/test/+/samples", 1);
      subscriber.disconnect();

      try (MqttClient publisher = client("harness-pub2", true)) {
        publisher.publish("rehab/v1/test/dev-1/samples", "queued".getBytes(UTF_8), 1, false);
        publisher.disconnect();
      }
      MOSQUITTO.server().restart();
      assertTrue(MOSQUITTO.server().isRunning());

      subscriber.setCallback(new CollectingCallback(received));
      subscriber.connect(options(false));
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
      assertEquals("queued", received.get(0));
      subscriber.disconnect();
    }
  }

  @Test
  void influxd_pointWrittenOverV1Write_readsBackWithInfluxQl() {
    InfluxdServer influxd = INFLUXD.server();
    influxd.createDatabase("harness");
    influxd.write(
        "harness", "samples,device=vert-01,channel=tiltDeg value=42.5 1795425330250000000");
    String answer = influxd.query("harness", "SELECT value FROM samples WHERE device='vert-01'");
    assertTrue(
        answer.contains("[\"2026-11-23T09:15:30.25Z\",42.5]"), "InfluxQL answer was " + answer);
  }

  @Test
  void socat_bytesWrittenAtPeerEnd_arriveAtDeviceEnd() throws Exception {
    byte[] frame = {(byte) 0xAA, 0x55, 0x01, 0x00, (byte) 0xFF, 0x10};
    try (OutputStream peer = Files.newOutputStream(pty.server().peerEnd());
        InputStream device = Files.newInputStream(pty.server().deviceEnd())) {
      peer.write(frame);
      peer.flush();
      assertArrayEquals(frame, device.readNBytes(frame.length));
    }
  }

  @Test
  void socat_stop_removesPtysLikeAnUnplug_andStartBringsThemBack() {
    SocatPtyPair pair = pty.server();
    pair.stop();
    assertFalse(Files.exists(pair.deviceEnd()), "the pty vanishes when unplugged");
    pair.start();
    assertTrue(Files.exists(pair.deviceEnd()));
  }

  private static MqttClient client(String id, boolean cleanSession) throws Exception {
    MqttClient client = new MqttClient(MOSQUITTO.server().uri(), id, new MemoryPersistence());
    client.connect(options(cleanSession));
    return client;
  }

  private static MqttConnectOptions options(boolean cleanSession) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(cleanSession);
    options.setConnectionTimeout(5);
    return options;
  }
}
