package org.rehabtelemetry.gateway.enrolment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.config.GatewayConfigLoader;
import org.rehabtelemetry.gateway.testing.SecureBroker;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.testsupport.InfluxdExtension;

/**
 * The broker as a site runs it: Mosquitto with the production config on a TLS listener, accounts
 * made by {@code gateway provision}, certificates by {@code scripts/site-ca}. Proves who can say
 * what: no anonymous or wrong-password client, no device speaking or listening as another, no
 * revoked device after a reload, no stranger taking the gateway's session; and that the gateway
 * itself connects over TLS with its own credentials, stores a session, keeps its backlog, and
 * dead-letters a revoked device's messages that still reach it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureBrokerIT {
  @RegisterExtension static final InfluxdExtension influxd = new InfluxdExtension();
  @TempDir static Path dir;

  private final ObjectMapper json = new ObjectMapper();
  private SecureBroker site;

  @BeforeAll
  void setUp() throws Exception {
    site = new SecureBroker(dir);
    for (String device : List.of("vert-01", "vert-02", "vert-03", "vert-04")) {
      site.provision(
          "device", "--site", SecureBroker.SITE, "--kind", "verticalizer", "--broker", "x", device);
      site.certify(device);
    }
    site.provision("gateway", "gateway-1");
    site.certify("gateway-1");
    site.broker.start();
  }

  @AfterAll
  void tearDown() {
    site.close();
  }

  @Test
  void anonymousClients_wrongPasswords_andPlainConnections_areRefused() throws Exception {
    // No site certificate: the TLS handshake fails before MQTT, whatever the password.
    assertThrows(
        MqttException.class,
        () -> site.connect(null, "vert-01", "vert-01", site.password("vert-01"), true));
    // A site certificate but no account: refused by MQTT.
    MqttException anonymous =
        assertThrows(MqttException.class, () -> site.connect("vert-01", "anon", null, null, true));
    assertRefusedLogin(anonymous);
    MqttException wrong =
        assertThrows(
            MqttException.class,
            () -> site.connect("x", "vert-01", "not-the-password".toCharArray(), true));
    assertRefusedLogin(wrong);
    MqttException unknown =
        assertThrows(
            MqttException.class,
            () -> site.connect("vert-01", "y", "vert-99", site.password("vert-01"), true));
    assertRefusedLogin(unknown);
    // No plain listener: MQTT without TLS to the port fails.
    MqttClient plain =
        new MqttClient("tcp://127.0.0.1:" + site.broker.port(), "plain", new MemoryPersistence());
    org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
        new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
    options.setUserName("vert-01");
    options.setPassword(site.password("vert-01"));
    options.setConnectionTimeout(3);
    assertThrows(MqttException.class, () -> plain.connect(options));
    plain.close(true);
    // The right password works.
    MqttClient ok = site.connect("vert-01", "vert-01", site.password("vert-01"), true);
    assertTrue(ok.isConnected());
    ok.disconnect();
    ok.close();
  }

  @Test
  void aDevice_cannotListenToAnotherDevicesCommands_orToEverything() throws Exception {
    List<String> heardByIntruder = new CopyOnWriteArrayList<>();
    List<String> heardByOwner = new CopyOnWriteArrayList<>();
    String othersCmd = "rehab/v1/" + SecureBroker.SITE + "/vert-02/cmd";
    MqttClient intruder = site.connect("vert-01", "vert-01", site.password("vert-01"), true);
    MqttClient owner = site.connect("vert-02", "vert-02", site.password("vert-02"), true);
    MqttClient gateway = site.connect("gateway-1", "gateway-1", site.password("gateway-1"), true);
    try {
      for (String filter : List.of(othersCmd, "rehab/#", "#")) {
        try {
          intruder.subscribe(filter, 1, (topic, message) -> heardByIntruder.add(topic));
        } catch (MqttException refusedBySuback) {
          // Mosquitto may refuse the subscription outright (0x80); either way nothing may arrive.
        }
      }
      owner.subscribe(othersCmd, 1, (topic, message) -> heardByOwner.add(topic));
      // A device's own status, which the intruder's "#" would match if the ACL let it read.
      owner.publish(
          "rehab/v1/" + SecureBroker.SITE + "/vert-02/status", "{}".getBytes(UTF_8), 1, false);
      for (int i = 0; i < 3; i++) {
        gateway.publish(othersCmd, ("{\"n\":" + i + "}").getBytes(UTF_8), 1, false);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> heardByOwner.size() == 3);
      // What the intruder would have got arrives together with the owner's: none for 500 ms.
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(heardByIntruder::isEmpty);
      assertEquals(List.of(), heardByIntruder, "the intruder heard nothing");
    } finally {
      for (MqttClient client : List.of(intruder, owner, gateway)) {
        client.disconnect();
        client.close();
      }
    }
  }

  @Test
  void aRevokedDevice_isRefused_afterTheBrokerReloads_andTheAuditLogSaysWho() throws Exception {
    MqttClient before = site.connect("vert-03", "vert-03", site.password("vert-03"), true);
    before.disconnect();
    before.close();
    String said = site.provision("revoke", "vert-03");
    assertTrue(said.contains("revoked vert-03"), said);
    assertFalse(
        Files.readString(site.provisioning.resolve(MosquittoFiles.PASSWORDS)).contains("vert-03:"),
        "gone from the password file");
    assertFalse(
        Files.readString(site.provisioning.resolve(MosquittoFiles.ACL)).contains("vert-03"),
        "and from the ACL");
    site.broker.reload();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              try {
                MqttClient again =
                    site.connect("vert-03", "vert-03", site.password("vert-03"), true);
                again.disconnect();
                again.close();
                return false;
              } catch (MqttException e) {
                assertRefusedLogin(e);
                return true;
              }
            });
    String audit = auditText();
    assertTrue(audit.contains("\"action\":\"enrol-device\",\"target\":\"vert-03\""), audit);
    assertTrue(audit.contains("\"action\":\"revoke\",\"target\":\"vert-03\""), audit);
    for (String account : List.of("vert-01", "vert-02", "vert-03", "vert-04", "gateway-1")) {
      assertFalse(
          audit.contains(new String(site.password(account))), "no password in the audit log");
    }
  }

  @Test
  void theGateway_overTls_storesASession_refusesImpostors_andKeepsItsBacklog() throws Exception {
    influxd.server().createDatabase("rehab");
    Path gatewayDir = dir.resolve("gateway");
    Path config =
        TestGateways.write(
            gatewayDir,
            site.uri(),
            "gateway-1",
            "none",
            TestGateways.influxd(influxd.server().url()),
            "devices: {enrolmentDir: \"" + site.provisioning + "\"}\n");
    // TestGateways writes a plain mqtt section; add the account, its password file and the CA.
    String yaml =
        Files.readString(config)
            .replace("shareGroup: none}", "shareGroup: none, " + site.mqttKeys("gateway-1") + "}");
    Files.writeString(config, yaml);
    Instant now = Instant.now().minusSeconds(60);
    Gateway gateway = Gateway.start(GatewayConfigLoader.load(config), Clock.systemUTC());
    try {
      // 1. vert-01's own session is stored, every sample once, and complete.
      publishSession("vert-01", "vert-01", "s-own", now);
      awaitComplete("s-own");

      // 2. vert-01 speaking as vert-02: the broker drops it; nothing of it is stored.
      publishSession("vert-01", "vert-02", "s-forged", now);
      publishSession("vert-02", "vert-02", "s-marker", now); // arrives after anything forged would
      awaitComplete("s-marker");
      assertEquals(0, count("s-forged"), "nothing of the forged session is stored");
      assertEquals(0, gateway.parts().deadLetters().count(), "nor even offered to the gateway");

      // 3. Revoked in the registry, not yet at the broker: the gateway refuses what gets through.
      site.provision("revoke", "vert-04");
      Thread.sleep(1100); // the gateway rereads the registry at most once a second
      publishSession("vert-04", "vert-04", "s-revoked", now);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  gateway.parts().deadLetters().byReason().getOrDefault("revoked device", 0L)
                      == 5L);
      assertEquals(0, count("s-revoked"), "a revoked device's session is not stored");
    } finally {
      gateway.close();
    }

    // 4. The gateway is away; its persistent session queues vert-01's next session.
    publishSession("vert-01", "vert-01", "s-backlog", now.plusSeconds(20));
    // Impostors with the gateway's client id and a clean session: without a site certificate
    // refused at the TLS handshake; with a device's certificate but the gateway's name and a
    // guessed
    // password refused by MQTT; with a device's whole credentials the broker makes the device's
    // name the client id. None touches the gateway's session.
    assertThrows(MqttException.class, () -> site.connect(null, "gateway-1", null, null, true));
    assertRefusedLogin(
        assertThrows(
            MqttException.class,
            () -> site.connect("vert-02", "gateway-1", "gateway-1", "guess".toCharArray(), true)));
    List<String> heard = new CopyOnWriteArrayList<>();
    MqttClient impostor = site.connect("gateway-1", "vert-02", site.password("vert-02"), true);
    try {
      impostor.subscribe("rehab/v1/#", 1, (topic, message) -> heard.add(topic));
    } catch (MqttException refused) {
      // refused outright is as good as receiving nothing
    }
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(heard::isEmpty);
    impostor.disconnect();
    impostor.close();
    assertEquals(List.of(), heard, "the impostor received none of the gateway's backlog");

    Gateway again = Gateway.start(GatewayConfigLoader.load(config), Clock.systemUTC());
    try {
      awaitComplete("s-backlog");
    } catch (AssertionError | RuntimeException e) {
      // What the broker did with the backlog is the first thing to look at.
      System.out.println("broker log:\n" + Files.readString(site.broker.logFile()));
      throw e;
    } finally {
      again.close();
    }
  }

  private void publishSession(String login, String asDevice, String session, Instant start)
      throws Exception {
    MqttClient client = site.connect(login, login, site.password(login), true);
    try {
      for (TestSessions.Published message :
          TestSessions.encode(
              SecureBroker.SITE, TestSessions.session(asDevice, session, start, 2, 10))) {
        client.publish(message.topic(), message.payload(), 1, false);
      }
    } finally {
      client.disconnect();
      client.close();
    }
  }

  private void awaitComplete(String session) {
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count(session) == 20);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                influxd
                    .server()
                    .query(
                        "rehab",
                        "SELECT last(complete) FROM session_completeness WHERE session = '"
                            + session
                            + "'")
                    .contains("true"));
  }

  private long count(String session) throws Exception {
    JsonNode series =
        json.readTree(
                influxd
                    .server()
                    .query(
                        "rehab",
                        "SELECT count(value) FROM sample WHERE session = '" + session + "'"))
            .path("results")
            .get(0)
            .path("series");
    return series.isMissingNode() ? 0 : series.get(0).path("values").get(0).get(1).asLong();
  }

  private String auditText() throws Exception {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(site.audit)) {
      for (Path file : files.toList()) {
        text.append(Files.readString(file, UTF_8));
      }
    }
    return text.toString();
  }

  private static void assertRefusedLogin(MqttException e) {
    int code = e.getReasonCode();
    assertTrue(
        code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
            || code == MqttException.REASON_CODE_NOT_AUTHORIZED,
        "refused as not authorised, was " + code + " " + e);
  }
}
