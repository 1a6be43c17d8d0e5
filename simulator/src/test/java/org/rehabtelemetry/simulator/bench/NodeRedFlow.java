package org.rehabtelemetry.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rehabtelemetry.testsupport.FreePort;

/**
 * The stock Node-RED flow {@link PeerBench} compares with: {@code mqtt in} at QoS 1 with a
 * persistent session, a {@code function} that turns a sample batch into points, {@code influxdb
 * batch} (node-red-contrib-influxdb, InfluxDB 1.x), and settings that keep Node-RED on loopback.
 */
final class NodeRedFlow {
  private NodeRedFlow() {}

  /** Whether {@code home} holds an npm install of node-red. */
  static boolean installedIn(Path home) {
    return Files.isRegularFile(redJs(home));
  }

  /**
   * Writes the flow into {@code userDir} and starts Node-RED on it, its output in {@code
   * userDir/node-red.log}.
   *
   * @param clientId the client id of its persistent MQTT session
   */
  static Process start(Path home, Path userDir, int brokerPort, String influxUrl, String clientId)
      throws IOException {
    write(userDir, brokerPort, influxUrl, clientId);
    return new ProcessBuilder(
            "node",
            redJs(home).toString(),
            "--userDir",
            userDir.toString(),
            "--settings",
            userDir.resolve("settings.js").toString())
        .redirectErrorStream(true)
        .redirectOutput(userDir.resolve("node-red.log").toFile())
        .start();
  }

  private static Path redJs(Path home) {
    return home.resolve("node_modules").resolve("node-red").resolve("red.js");
  }

  /** The flow a Node-RED user would draw, and settings that keep it on loopback. */
  private static void write(Path userDir, int brokerPort, String influxUrl, String clientId)
      throws IOException {
    int influxPort = java.net.URI.create(influxUrl).getPort();
    int uiPort = FreePort.pick();
    String function =
        String.join(
            "\n",
            "const batch = msg.payload;",
            "const site = msg.topic.split('/')[2];",
            "const points = [];",
            "for (const c of batch.channels) {",
            "  for (let i = 0; i < c.values.length; i++) {",
            "    points.push({measurement: 'sample',",
            "      tags: {site: site, device: batch.deviceId, session: batch.sessionId,",
            "             channel: c.channel, unit: c.unit},",
            "      fields: {value: c.values[i]},",
            "      timestamp: batch.t0Us + c.offsetsUs[i]});",
            "  }",
            "}",
            "msg.payload = points;",
            "return msg;");
    ObjectMapper json = new ObjectMapper();
    List<Object> flow =
        List.of(
            java.util.Map.of("id", "tab1", "type", "tab", "label", "rehab telemetry"),
            java.util.Map.ofEntries(
                java.util.Map.entry("id", "broker1"),
                java.util.Map.entry("type", "mqtt-broker"),
                java.util.Map.entry("broker", "127.0.0.1"),
                java.util.Map.entry("port", String.valueOf(brokerPort)),
                java.util.Map.entry("clientid", clientId),
                java.util.Map.entry("autoConnect", true),
                java.util.Map.entry("usetls", false),
                java.util.Map.entry("protocolVersion", "4"),
                java.util.Map.entry("keepalive", "60"),
                java.util.Map.entry("cleansession", false)),
            java.util.Map.ofEntries(
                java.util.Map.entry("id", "in1"),
                java.util.Map.entry("type", "mqtt in"),
                java.util.Map.entry("z", "tab1"),
                java.util.Map.entry("topic", "rehab/v1/+/+/samples"),
                java.util.Map.entry("qos", "1"),
                java.util.Map.entry("datatype", "json"),
                java.util.Map.entry("broker", "broker1"),
                java.util.Map.entry("inputs", 0),
                java.util.Map.entry("wires", List.of(List.of("fn1")))),
            java.util.Map.of(
                "id",
                "fn1",
                "type",
                "function",
                "z",
                "tab1",
                "name",
                "batch to points",
                "func",
                function,
                "outputs",
                1,
                "wires",
                List.of(List.of("db1"))),
            java.util.Map.of(
                "id",
                "influx1",
                "type",
                "influxdb",
                "hostname",
                "127.0.0.1",
                "port",
                String.valueOf(influxPort),
                "protocol",
                "http",
                "database",
                "peer",
                "influxdbVersion",
                "1.x"),
            java.util.Map.of(
                "id",
                "db1",
                "type",
                "influxdb batch",
                "z",
                "tab1",
                "influxdb",
                "influx1",
                "precision",
                "u",
                "database",
                "peer",
                "wires",
                List.of()));
    Files.writeString(userDir.resolve("flows.json"), json.writeValueAsString(flow));
    Files.writeString(
        userDir.resolve("settings.js"),
        String.join(
            "\n",
            "module.exports = {",
            "  uiHost: '127.0.0.1',",
            "  uiPort: " + uiPort + ",",
            "  flowFile: 'flows.json',",
            "  credentialSecret: false,",
            "  logging: { console: { level: 'warn', metrics: false, audit: false } }",
            "};",
            ""));
  }
}
