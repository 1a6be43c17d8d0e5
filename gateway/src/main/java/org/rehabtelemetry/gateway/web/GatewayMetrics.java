package org.rehabtelemetry.gateway.web;

import java.util.List;
import org.rehabtelemetry.gateway.ingest.DeadLetterStore;
import org.rehabtelemetry.gateway.ingest.MqttIngest;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.Completeness;
import org.rehabtelemetry.gateway.session.CompletenessTracker;

/**
 * The gateway's figures in the Prometheus text format (version 0.0.4). Counters are totals since
 * start; Prometheus derives rates (messages/s, points/s) with {@code rate()}. Thread-safe.
 */
public final class GatewayMetrics {
  private final MqttIngest ingest;
  private final DeadLetterStore deadLetters;
  private final DeviceRegistry registry;
  private final CompletenessTracker completeness;

  public GatewayMetrics(
      MqttIngest ingest,
      DeadLetterStore deadLetters,
      DeviceRegistry registry,
      CompletenessTracker completeness) {
    this.ingest = ingest;
    this.deadLetters = deadLetters;
    this.registry = registry;
    this.completeness = completeness;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    counter(
        out,
        "rehab_gateway_messages_stored_total",
        "Device messages stored (or dead-lettered) and acknowledged.",
        ingest.storedMessages());
    counter(
        out,
        "rehab_gateway_points_written_total",
        "Points written to the time-series database.",
        ingest.storedPoints());
    counter(
        out,
        "rehab_gateway_write_failures_total",
        "Database writes that failed (retried or dead-lettered).",
        ingest.writeFailures());
    counter(
        out,
        "rehab_gateway_dead_letters_total",
        "Messages kept as dead letters with their reason.",
        deadLetters.count());
    gauge(
        out,
        "rehab_gateway_write_latency_seconds_last",
        "Duration of the last successful database write.",
        ingest.lastWriteNanos() / 1e9);
    ingest
        .writeLatency()
        .render(
            out,
            "rehab_gateway_write_latency_seconds",
            "Duration of successful database writes (one per batch of messages).");
    gauge(
        out,
        "rehab_gateway_in_flight_messages",
        "Messages received and not yet stored or acknowledged.",
        ingest.inFlight());
    gauge(
        out,
        "rehab_gateway_devices_online",
        "Devices whose agent is connected.",
        registry.online());
    List<Completeness> sessions = completeness.all();
    long gaps = sessions.stream().mapToLong(Completeness::missing).sum();
    gauge(
        out,
        "rehab_gateway_session_gaps",
        "Missing session messages over the tracked sessions.",
        gaps);
    gauge(
        out,
        "rehab_gateway_sessions_incomplete",
        "Tracked sessions whose summary is in but messages are missing.",
        sessions.stream().filter(c -> c.expected() >= 0 && !c.complete()).count());
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "counter", value);
  }

  private static void gauge(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "gauge", value);
  }

  private static void metric(
      StringBuilder out, String name, String help, String type, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name)
        .append(' ')
        .append(value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value))
        .append('\n');
  }
}
