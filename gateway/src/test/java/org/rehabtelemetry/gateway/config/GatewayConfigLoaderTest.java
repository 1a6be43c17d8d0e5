package org.rehabtelemetry.gateway.config;

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
import org.rehabtelemetry.config.ConfigException;
import org.rehabtelemetry.gateway.auth.PasswordHash;
import org.rehabtelemetry.gateway.ingest.CardinalityGuard;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1Settings;
import org.rehabtelemetry.gateway.storage.influxv2.InfluxV2Settings;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedSettings;

class GatewayConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void sampleConfig_loadsWithItsDocumentedValues() {
    GatewayConfig config = GatewayConfigLoader.load(Path.of("gateway.sample.yaml"));
    assertEquals("tcp://127.0.0.1:1883", config.mqtt().uri());
    assertEquals("gateway-1", config.mqtt().clientId());
    assertEquals(null, config.ingest().shareGroup(), "none: a plain subscription");
    assertEquals(500, config.ingest().maxBatchMessages());
    assertEquals(Duration.ofSeconds(30), config.ingest().retryMax());
    assertEquals(
        new EmbeddedSettings(Path.of("/var/lib/rehab-telemetry/gateway/questdb"), 0),
        config.storage());
    assertEquals(List.of(), config.dashboard().operators(), "no account ships in the sample");
    assertEquals(Duration.ofHours(8), config.dashboard().sessionLifetime());
    assertEquals(16L << 20, config.ingest().maxQueueBytes());
    assertEquals(
        CardinalityGuard.Bounds.DEFAULT, config.cardinality(), "the sample shows the defaults");
    assertEquals(
        org.rehabtelemetry.gateway.records.RecordsSettings.defaults(),
        config.records(),
        "the sample shows the records' defaults");
  }

  @Test
  void records_areValidatedWithTheKeyAndWhatIsExpected() {
    org.rehabtelemetry.gateway.records.RecordsSettings records =
        parse(
                "mqtt: {uri: \"tcp://b:1883\"}\n"
                    + "records: {timeZone: Asia/Aqtobe, courseGapDays: 30, language: kk}\n")
            .records();
    assertEquals(java.time.ZoneId.of("Asia/Aqtobe"), records.timeZone());
    assertEquals(Duration.ofDays(30), records.courseGap());
    assertEquals(org.rehabtelemetry.records.i18n.Language.KK, records.language());
    for (String[] bad :
        new String[][] {
          {"records: {timeZone: Mars/Olympus}", "records.timeZone"},
          {"records: {courseGapDays: 0}", "records.courseGapDays"},
          {"records: {language: de}", "records.language"},
          {"records: {fontRegular: missing.ttf}", "records.fontRegular"},
          {"records: {gapDays: 3}", "gapDays"}
        }) {
      org.rehabtelemetry.config.ConfigException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              org.rehabtelemetry.config.ConfigException.class,
              () -> parse("mqtt: {uri: \"tcp://b:1883\"}\n" + bad[0] + "\n"),
              bad[0]);
      assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
    }
  }

  @Test
  void enrolment_isOffWithoutItsSection_andAnEmptyDirectoryIsRefusedWithTheCommandToRun()
      throws Exception {
    assertEquals(null, parse("mqtt: {uri: \"tcp://b:1883\"}\n").enrolmentDir());
    java.nio.file.Files.createDirectories(dir.resolve("broker"));
    org.rehabtelemetry.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rehabtelemetry.config.ConfigException.class,
            () -> parse("mqtt: {uri: \"tcp://b:1883\"}\ndevices: {enrolmentDir: broker}\n"));
    assertTrue(e.getMessage().contains("devices.enrolmentDir"), e.getMessage());
    assertTrue(e.getMessage().contains("gateway provision device"), e.getMessage());
    java.nio.file.Files.writeString(dir.resolve("broker/registry.json"), "{\"accounts\":[]}");
    assertEquals(
        dir.resolve("broker"),
        parse("mqtt: {uri: \"tcp://b:1883\"}\ndevices: {enrolmentDir: broker}\n").enrolmentDir());
  }

  @Test
  void noStorageSection_meansTheEmbeddedStore_underTheStateDir() {
    GatewayConfig config = parse("mqtt: {uri: \"tcp://b:1883\"}\nstateDir: state\n");
    assertEquals(new EmbeddedSettings(dir.resolve("state/questdb"), 0), config.storage());
  }

  @Test
  void influxV2_readsItsTokenFile_andNeverShowsIt() throws Exception {
    secret("token", "s3cr3t-token\n");
    GatewayConfig config =
        parse(
            "mqtt: {uri: \"tcp://b:1883\"}\nstorage: {kind: influxdb-v2, url: \"http://db:8086\","
                + " org: hospital, bucket: rehab, tokenFile: token}\n");
    InfluxV2Settings v2 = (InfluxV2Settings) config.storage();
    assertEquals("s3cr3t-token", new String(v2.token()));
    assertEquals("hospital", v2.org());
    assertTrue(!config.toString().contains("s3cr3t"), config.toString());
  }

  @Test
  void operators_areReadWithTheirHashes_andABadHashIsNamedWithoutBeingShown() {
    String hash = PasswordHash.create("correct horse".toCharArray(), 10_000).text();
    GatewayConfig config =
        parse(
            "mqtt: {uri: \"tcp://b:1883\"}\ndashboard: {operators: [{username: op1, passwordHash: \""
                + hash
                + "\"}], sessionMinutes: 30, secureCookie: true}\n");
    assertEquals("op1", config.dashboard().operators().get(0).username());
    assertTrue(
        config
            .dashboard()
            .operators()
            .get(0)
            .passwordHash()
            .matches("correct horse".toCharArray()));
    assertTrue(config.dashboard().secureCookie());
    assertTrue(!config.toString().contains(hash.substring(hash.lastIndexOf(':') + 1)));
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    "mqtt: {uri: \"tcp://b:1883\"}\ndashboard: {operators: [{username: op1,"
                        + " passwordHash: \"plain-text-password\"}]}\n"));
    assertEquals(
        "gateway.yaml: dashboard.operators[0].passwordHash: must be"
            + " pbkdf2-sha256:ITERATIONS:SALT:HASH (from gateway.jar hash-password)",
        bad.getMessage());
  }

  @Test
  void passwordFile_isRead_andNeverShown() throws Exception {
    secret("pw", "hunter2\n");
    GatewayConfig config =
        parse(
            "mqtt: {uri: \"tcp://b:1883\"}\nstorage: {kind: influxdb-v1, url: \"http://db:8086\", username: gw, passwordFile: pw}\n");
    assertEquals("hunter2", new String(((InfluxV1Settings) config.storage()).password()));
    assertTrue(!config.toString().contains("hunter2"), config.toString());
  }

  @Test
  void badValues_areNamed() {
    assertEquals(
        "gateway.yaml: storage.kind: must be embedded, influxdb-v1 or influxdb-v2, was \"mongodb\"",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "mqtt: {uri: \"tcp://b:1883\"}\nstorage: {kind: mongodb, url: \"http://x\"}\n"))
            .getMessage());
    assertEquals(
        "gateway.yaml: mqtt.shareGroup: must be none or 1-63 of a-z 0-9 '-', was \"My Group\"",
        assertThrows(
                ConfigException.class,
                () -> parse("mqtt: {uri: \"tcp://b:1883\", shareGroup: My Group}\n"))
            .getMessage());
    assertEquals(
        "gateway.yaml: ingest.maxQueu: is not a known key here (misspelt?)",
        assertThrows(
                ConfigException.class,
                () -> parse("mqtt: {uri: \"tcp://b:1883\"}\ningest: {maxQueu: 5}\n"))
            .getMessage());
    assertEquals(
        "gateway.yaml: dashboard.operators[0].role: must be viewer, operator or admin, was"
            + " \"root\"",
        assertThrows(
                ConfigException.class,
                () ->
                    parse(
                        "mqtt: {uri: \"tcp://b:1883\"}\ndashboard: {operators: [{username: op1,"
                            + " passwordHash: \""
                            + PasswordHash.create("correct horse".toCharArray(), 10_000).text()
                            + "\", role: root}]}\n"))
            .getMessage());
  }

  private void secret(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content);
    Files.setPosixFilePermissions(
        dir.resolve(name), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  private GatewayConfig parse(String yaml) {
    return GatewayConfigLoader.parse("gateway.yaml", yaml.getBytes(UTF_8), dir);
  }
}
