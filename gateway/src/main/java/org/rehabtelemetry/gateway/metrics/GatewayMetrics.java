package org.rehabtelemetry.gateway.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.rehabtelemetry.gateway.alarms.AlarmBoard;
import org.rehabtelemetry.gateway.alarms.GatewayAlarmLog;
import org.rehabtelemetry.gateway.deadletter.DeadLetterStore;
import org.rehabtelemetry.gateway.ingest.CardinalityGuard;
import org.rehabtelemetry.gateway.ingest.Ingest;
import org.rehabtelemetry.gateway.receipt.ReceiptSender;
import org.rehabtelemetry.gateway.registry.DeviceRegistry;
import org.rehabtelemetry.gateway.session.Completeness;
import org.rehabtelemetry.gateway.session.CompletenessTracker;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.web.Operations;

/**
 * The gateway's figures for Prometheus ({@code rehab_gateway_*}), read when scraped. Counters are
 * totals since start; Prometheus derives rates. No session, patient or alarm id is a label.
 * Thread-safe.
 */
public final class GatewayMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram writeLatency =
      Histogram.builder()
          .name("rehab_gateway_write_latency_seconds")
          .help("Duration of successful database writes (one per batch of messages).")
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .register(registry);

  /** Observes a write's duration; hand it to ingest. */
  public LongConsumer writeLatency() {
    return nanos -> writeLatency.observe(nanos / 1e9);
  }

  /** Registers everything that is read at scrape time. */
  public PrometheusRegistry register(
      Ingest ingest,
      DeadLetterStore deadLetters,
      CardinalityGuard guard,
      DeviceRegistry devices,
      CompletenessTracker completeness,
      AlarmBoard alarms,
      GatewayAlarmLog alarmLog,
      ReceiptSender receipts,
      Liveness liveness) {
    counter(
        "receipts_sent",
        "Storage receipt commands handed to the broker for the devices.",
        receipts.sent::sum);
    counter(
        "receipted_messages",
        "Messages named in storage receipts handed to the broker.",
        receipts.messages::sum);
    counter(
        "receipts_dropped_messages",
        "Stored messages not receipted (broker unreachable at the flush, or over the bound): the"
            + " device sends them again.",
        receipts.dropped::sum);
    counter(
        "messages_received",
        "Messages the broker delivered (redeliveries count again).",
        () -> ingest.stats().received());
    counter("messages_stored", "Messages stored and acknowledged.", () -> ingest.stats().stored());
    counter(
        "live_previews",
        "Live previews shown on the dashboard and acknowledged; never stored.",
        () -> ingest.stats().previews());
    counter(
        "live_previews_dropped",
        "Live previews dropped (invalid, e.g. an unset clock, or refused) and acknowledged; never"
            + " dead-lettered.",
        () -> ingest.stats().previewsDropped());
    counter(
        "messages_dead_lettered",
        "Messages kept as dead letters with their reason, and acknowledged.",
        () -> ingest.stats().deadLettered());
    counter(
        "messages_redelivered",
        "Messages let go unacknowledged at a connection loss: the broker delivers them again.",
        () -> ingest.stats().redelivered());
    counter(
        "points_written",
        "Points written to the time-series database.",
        () -> ingest.stats().points());
    counter(
        "write_failures",
        "Database writes that failed (retried, or split to find refused data).",
        () -> ingest.stats().writeFailures());
    counter(
        "dead_letters_removed",
        "Dead letters deleted by retention (size or age).",
        deadLetters::removedByRetention);
    gauge("dead_letter_bytes", "Bytes of dead letters kept on disk.", deadLetters::bytesOnDisk);
    gauge(
        "in_flight_messages",
        "Messages received and not yet stored, dead-lettered or let go.",
        ingest::pending);
    gauge("in_flight_bytes", "What those weigh in memory, in bytes.", ingest::pendingWeight);
    gauge(
        "broker_connected",
        "1 while the gateway is connected to its broker.",
        () -> ingest.connected() ? 1 : 0);
    gauge("devices_online", "Devices whose agent is connected.", devices::online);
    gauge(
        "devices_offline_in_session",
        "Devices offline while a session they started has not ended.",
        devices::offlineInSession);
    gauge(
        "sessions_tracked",
        "Unfinished sessions whose completeness is tracked.",
        completeness::tracked);
    counter(
        "sessions_evicted",
        "Unfinished sessions evicted from tracking (more than the bound active).",
        completeness::evictedUnfinished);
    gauge(
        "session_gaps",
        "Missing session messages over the tracked sessions.",
        () -> sessions(completeness).stream().mapToLong(Completeness::missing).sum());
    gauge(
        "sessions_incomplete",
        "Tracked sessions whose summary is in but messages are missing.",
        () ->
            sessions(completeness).stream()
                .filter(c -> c.expected() >= 0 && !c.complete())
                .count());
    gauge("alarms_active", "Alarms not over on the devices.", alarms::active);
    counter(
        "alarm_log_written",
        "Alarm changes written and fsynced to the gateway's alarm log.",
        alarmLog::written);
    counter(
        "alarm_log_dropped",
        "Alarm changes the gateway's alarm log could not keep (queue full, disk refused).",
        alarmLog::dropped);
    CounterWithCallback.builder()
        .name("rehab_gateway_cardinality_refused")
        .help("Messages refused because they would pass a cardinality bound, by what was bounded.")
        .labelNames("kind")
        .callback(
            cb -> {
              guard
                  .refused()
                  .forEach((kind, n) -> cb.call((double) n, kind.name().toLowerCase(Locale.ROOT)));
              cb.call((double) guard.refusedSessions(), "session");
            })
        .register(registry);
    Operations.registerLiveness(registry, "rehab_gateway", liveness);
    return registry;
  }

  private static List<Completeness> sessions(CompletenessTracker tracker) {
    return tracker.all();
  }

  private void counter(String name, String help, java.util.function.LongSupplier value) {
    CounterWithCallback.builder()
        .name("rehab_gateway_" + name)
        .help(help)
        .callback(cb -> cb.call((double) value.getAsLong()))
        .register(registry);
  }

  private void gauge(String name, String help, java.util.function.LongSupplier value) {
    GaugeWithCallback.builder()
        .name("rehab_gateway_" + name)
        .help(help)
        .callback(cb -> cb.call((double) value.getAsLong()))
        .register(registry);
  }
}
