package org.rehabtelemetry.gateway.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.config.ConfigException;

class GatewayConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void sampleConfig_loadsWithItsDocumentedValues() {
    GatewayConfig config = GatewayConfigLoader.load(Path.of("gateway.sample.yaml"));
    assertEquals("tcp://127.0.0.1:1883", config.ingest().uri());
    assertEquals("gateway-1", config.ingest().clientId());
    assertEquals("gateways", config.ingest().shareGroup());
    assertEquals(500, config.ingest().maxBatchMessages());
    assertEquals(Duration.ofSeconds(30), config.ingest().retryMax());
    assertEquals("rehab", config.database());
    assertEquals(Duration.ofSeconds(10), config.storageTimeout());
  }

  @Test
  void passwordFile_isRead_andNeverShown() throws Exception {
    Files.writeString(dir.resolve("pw"), "hunter2\n");
    GatewayConfig config =
        parse(
            "mqtt: {uri: \"tcp://b:1883\"}\nstorage: {url: \"http://db:8086\", username: gw, passwordFile: pw}\n");
    assertEquals("hunter2", new String(config.storagePassword()));
    assertTrue(!config.toString().contains("hunter2"), config.toString());
  }

  @Test
  void badValues_areNamed() {
    assertEquals(
        "gateway.yaml: storage.kind: must be influxdb-v1 (influxdb-v2 and embedded arrive later), was \"mongodb\"",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "mqtt: {uri: \"tcp://b:1883\"}\nstorage: {kind: mongodb, url: \"http://x\"}\n"))
            .getMessage());
    assertEquals(
        "gateway.yaml: mqtt.shareGroup: must be 1-63 of a-z 0-9 '-', was \"My Group\"",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "mqtt: {uri: \"tcp://b:1883\", shareGroup: My Group}\nstorage: {url: \"http://x\"}\n"))
            .getMessage());
    assertEquals(
        "gateway.yaml: ingest.maxQueu: is not a known key here (misspelt?)",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "mqtt: {uri: \"tcp://b:1883\"}\ningest: {maxQueu: 5}\nstorage: {url: \"http://x\"}\n"))
            .getMessage());
  }

  private GatewayConfig parse(String yaml) {
    return GatewayConfigLoader.parse("gateway.yaml", yaml.getBytes(UTF_8), dir);
  }
}
