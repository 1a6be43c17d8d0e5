package org.rehabtelemetry.simulator.monitoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.Gateway;
import org.rehabtelemetry.gateway.storage.questdb.EmbeddedQuestDb;
import org.rehabtelemetry.gateway.testing.SecureBroker;
import org.rehabtelemetry.gateway.testing.TestGateways;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.replay.SimulatedDevice;
import org.rehabtelemetry.testsupport.MosquittoExtension;

/**
 * The monitoring files that ship in {@code deploy/} name only what exists: every metric in the
 * Prometheus alert rules and the fleet dashboard is one that a running agent or gateway exports
 * (scraped from both, started here), and every InfluxQL query in the telemetry dashboard reads a
 * measurement and columns the storage schema has. A renamed metric or field fails here instead of
 * leaving an alert that never fires or a panel that stays empty.
 */
class MonitoringFilesIT {
  private static final Pattern METRIC = Pattern.compile("\\brehab_[a-z_]+\\b");

  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void alertRulesAndDashboards_nameOnlyMetricsAndColumnsThatExist() throws Exception {
    Set<String> exported = new TreeSet<>();
    try (Gateway gateway =
            TestGateways.start(
                dir.resolve("gateway"),
                mosquitto.server().uri(),
                "gateway-monitoring",
                "none",
                TestGateways.embedded());
        SimulatedDevice device =
            SimulatedDevice.start(
                new SimulatedDevice.Options(
                    DeviceKind.VERTICALIZER,
                    "vert-01",
                    "ward-b",
                    mosquitto.server().uri(),
                    dir.resolve("agent"),
                    SimulatedDevice.SerialMode.IN_MEMORY,
                    Duration.ofMillis(500),
                    0,
                    false))) {
      // A histogram shows its buckets only once it has observed a write: wait for one.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> scrape(gateway.httpAddress()).contains("write_latency_seconds_bucket"));
      exported.addAll(names(scrape(gateway.httpAddress())));
      exported.addAll(names(scrape(device.uiAddress())));
    }
    assertTrue(exported.contains("rehab_agent_journal_oldest_unsent_age_seconds"), "" + exported);
    assertTrue(exported.contains("rehab_gateway_devices_offline_in_session"), "" + exported);

    Path deploy = SecureBroker.repo().resolve("deploy");
    List<String> missing = new ArrayList<>();
    JsonNode rules =
        new YAMLMapper().readTree(deploy.resolve("prometheus/rehab-telemetry-alerts.yml").toFile());
    int alerts = 0;
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts++;
        checkMetrics(
            "alert " + rule.path("alert").asText(), rule.path("expr").asText(), exported, missing);
      }
    }
    JsonNode fleet = json.readTree(deploy.resolve("grafana/dashboards/fleet-health.json").toFile());
    int promQueries = 0;
    for (JsonNode panel : fleet.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        promQueries++;
        checkMetrics(
            "panel " + panel.path("title").asText(),
            target.path("expr").asText(),
            exported,
            missing);
      }
    }

    Map<String, Set<String>> schema = EmbeddedQuestDb.schemaColumns();
    JsonNode telemetry =
        json.readTree(deploy.resolve("grafana/dashboards/telemetry.json").toFile());
    List<String> influxQueries = new ArrayList<>();
    for (JsonNode variable : telemetry.path("templating").path("list")) {
      influxQueries.add(variable.path("query").asText());
    }
    for (JsonNode panel : telemetry.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        influxQueries.add(target.path("query").asText());
      }
    }
    for (String query : influxQueries) {
      checkColumns(query, schema, missing);
    }
    assertEquals(List.of(), missing, "names that nothing exports or stores");
    assertTrue(
        alerts >= 3 && promQueries >= 10 && influxQueries.size() >= 6, "the files have content");
    System.out.printf(
        "monitoring: %d alert rules, %d Prometheus panel queries and %d InfluxQL queries checked"
            + " against %d exported metrics and %d measurements%n",
        alerts, promQueries, influxQueries.size(), exported.size(), schema.size());
  }

  /** Every rehab_* name in a PromQL expression must be an exported sample name. */
  private static void checkMetrics(
      String where, String expr, Set<String> exported, List<String> missing) {
    Matcher names = METRIC.matcher(expr);
    boolean any = false;
    while (names.find()) {
      any = true;
      if (!exported.contains(names.group())) {
        missing.add(where + ": " + names.group());
      }
    }
    if (!any) {
      missing.add(where + ": names no rehab metric: " + expr);
    }
  }

  /**
   * The measurement after FROM must exist; every double-quoted name in the query (columns in
   * SELECT, WHERE, GROUP BY, WITH KEY) must be one of its columns or the measurement itself.
   */
  private static void checkColumns(
      String query, Map<String, Set<String>> schema, List<String> missing) {
    Matcher from = Pattern.compile("FROM \"(\\w+)\"").matcher(query);
    if (!from.find()) {
      missing.add("no FROM in: " + query);
      return;
    }
    String measurement = from.group(1);
    Set<String> columns = schema.get(measurement);
    if (columns == null) {
      missing.add("measurement " + measurement + " in: " + query);
      return;
    }
    Matcher quoted = Pattern.compile("\"(\\w+)\"").matcher(query.replaceAll(" AS \"[^\"]+\"", ""));
    while (quoted.find()) {
      String name = quoted.group(1);
      if (!name.equals(measurement) && !columns.contains(name)) {
        missing.add(measurement + "." + name + " in: " + query);
      }
    }
  }

  private String scrape(String address) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Sample names of a text exposition (with _total, _bucket, ... as scraped). */
  private static Set<String> names(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
