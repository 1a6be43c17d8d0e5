package org.rehabtelemetry.agent.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.agent.publish.ReceiptSettings;
import org.rehabtelemetry.config.ConfigException;

class AgentConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void sampleConfig_loadsWithItsDocumentedValues() {
    AgentConfig config = AgentConfigLoader.load(Path.of("agent.sample.yaml"));
    assertEquals("vert-01", config.deviceId());
    assertEquals("ward-b", config.site());
    assertEquals("builtin:verticalizer", config.profile());
    assertEquals(256L << 20, config.journal().maxBytes());
    assertEquals(Duration.ofMillis(200), config.journal().commitInterval());
    assertEquals("agent-vert-01", config.mqtt().clientId());
    assertEquals(64, config.mqtt().window());
    assertEquals(List.of("sensorHub", "oximeter", "tilt"), config.requiredSensors());
    assertEquals("127.0.0.1", config.uiBind());
    assertEquals("ru", config.uiLanguage());
    assertEquals(ReceiptSettings.Mode.AUTO, config.receipts().mode());
    assertEquals(Duration.ofSeconds(30), config.receipts().timeout());
    assertEquals(Duration.ofHours(1), config.receipts().grace());
    assertEquals(
        Path.of("/var/lib/rehab-telemetry/agent/receipts-seen"), config.receipts().seenMarker());
  }

  @Test
  void receiptMode_off_isRefused_asYamlReadsItAsFalse() {
    String base = "device: {id: v, site: s, profile: x}\nmqtt: {uri: \"tcp://b:1\"}\n";
    assertEquals(
        "agent.yaml: receipts.mode: must be text, was false",
        assertThrows(ConfigException.class, () -> parse(base + "receipts: {mode: off}\n"))
            .getMessage());
    assertEquals(
        ReceiptSettings.Mode.IGNORE, parse(base + "receipts: {mode: ignore}\n").receipts().mode());
  }

  @Test
  void aPasswordFileOthersCanRead_isRefusedNamingTheFileAndMode() throws Exception {
    Files.writeString(dir.resolve("secret"), "s3cret\n");
    Files.setPosixFilePermissions(
        dir.resolve("secret"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    org.rehabtelemetry.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rehabtelemetry.config.ConfigException.class,
            () ->
                parse(
                    "device: {id: vert-01, site: ward-b, profile: builtin:verticalizer}\n"
                        + "mqtt: {uri: \"tcp://b:1883\", username: agent, passwordFile: secret}\n"));
    assertEquals("mqtt.passwordFile", e.key());
    assertTrue(e.getMessage().contains("is readable by others (mode rw-r--r--)"), e.getMessage());
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    assertTrue(!e.getMessage().contains("s3cret"));
  }

  @Test
  void hardwareMock_isRefusedPointingToTheSimulator() {
    org.rehabtelemetry.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rehabtelemetry.config.ConfigException.class,
            () ->
                parse(
                    "device: {id: vert-01, site: ward-b, profile: builtin:verticalizer}\n"
                        + "hardware: mock\nmqtt: {uri: \"tcp://b:1883\"}\n"));
    assertEquals("hardware", e.key());
    assertTrue(e.getMessage().contains("simulator"), e.getMessage());
  }

  @Test
  void passwordComesFromItsFile_andNeverShows() throws Exception {
    Files.writeString(dir.resolve("secret"), "s3cret\n");
    Files.setPosixFilePermissions(
        dir.resolve("secret"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    AgentConfig config =
        parse(
            "device: {id: vert-01, site: ward-b, profile: builtin:verticalizer}\nmqtt: {uri: \"tcp://b:1883\", username: agent, passwordFile: secret}\n");
    assertEquals("s3cret", new String(config.mqtt().connection().password()));
    assertTrue(!config.mqtt().toString().contains("s3cret"));
    assertTrue(!config.toString().contains("s3cret"), config.toString());
  }

  @Test
  void misspeltKey_namesFileAndKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    "device: {id: vert-01, site: ward-b, profile: builtin:verticalizer}\nmqtt: {uri: \"tcp://b:1883\", windw: 8}\n"));
    assertEquals("agent.yaml: mqtt.windw: is not a known key here (misspelt?)", e.getMessage());
  }

  @Test
  void badValues_areNamedWithTheValue() {
    assertEquals(
        "agent.yaml: device.id: must be a device id: 1-63 of a-z 0-9 '-', not starting with '-', was \"Vert 01\"",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "device: {id: Vert 01, site: ward-b, profile: x}\nmqtt: {uri: \"tcp://b:1883\"}\n"))
            .getMessage());
    assertEquals(
        "agent.yaml: mqtt.uri: must look like tcp://host:1883 or ssl://host:8883, was \"mqtt://b\"",
        assertThrows(
                ConfigException.class,
                () -> parse("device: {id: v, site: s, profile: x}\nmqtt: {uri: \"mqtt://b\"}\n"))
            .getMessage());
    assertEquals(
        "agent.yaml: session.requiredSensors: names unknown sensor \"thermometer\"; known: ",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "device: {id: v, site: s, profile: x}\nmqtt: {uri: \"tcp://b:1\"}\nsession: {requiredSensors: thermometer}\n"))
            .getMessage()
            .replaceAll("known: .*", "known: "));
    assertEquals(
        "agent.yaml: hardware: must be board (the device's GPIO and I2C), was \"pi\"; to run"
            + " without hardware, use the simulator, which drives Pi4J's mock board itself (java"
            + " -jar simulator.jar device ...)",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "device: {id: v, site: s, profile: x}\nhardware: pi\nmqtt: {uri: \"tcp://b:1\"}\n"))
            .getMessage());
  }

  @Test
  void missingPasswordFile_isNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    "device: {id: v, site: s, profile: x}\nmqtt: {uri: \"tcp://b:1\", passwordFile: none}\n"));
    assertTrue(
        e.getMessage().startsWith("agent.yaml: mqtt.passwordFile: cannot be read"), e.getMessage());
  }

  private AgentConfig parse(String yaml) {
    return AgentConfigLoader.parse("agent.yaml", yaml.getBytes(UTF_8), dir);
  }
}
