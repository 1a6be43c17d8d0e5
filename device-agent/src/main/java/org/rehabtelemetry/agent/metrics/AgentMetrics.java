package org.rehabtelemetry.agent.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.journal.JournalStats;
import org.rehabtelemetry.agent.publish.JournalPublisher;
import org.rehabtelemetry.agent.publish.ReceiptStats;
import org.rehabtelemetry.agent.status.AgentStatus;
import org.rehabtelemetry.hardware.fault.SensorStatus;
import org.rehabtelemetry.runtime.health.Liveness;
import org.rehabtelemetry.web.Operations;

/**
 * The agent's figures for Prometheus, read when scraped (nothing is counted twice):
 *
 * <pre>
 * rehab_agent_journal_records{state="unsent"}          records not yet acknowledged
 * rehab_agent_journal_oldest_unsent_age_seconds        how long the oldest of them has waited
 * rehab_agent_journal_bytes                            bytes in segment files
 * rehab_agent_journal_unwritten_records                records waiting in memory (disk failing)
 * rehab_agent_journal_evicted_unsent_records_total     unsent records dropped to keep a bound
 * rehab_agent_journal_write_failures_total             failed writes and fsyncs
 * rehab_agent_published_records_total                  records handed to the broker
 * rehab_agent_samples_recorded_total{channel}          samples journaled, per channel
 * rehab_agent_broker_connected                         1 while connected
 * rehab_agent_alarms_active{priority}                  alarms shown now
 * rehab_agent_sensors_faulted                          sensors in a fault now
 * rehab_agent_worker_seconds_since_progress{worker}    per worker; the watchdog's view
 * </pre>
 *
 * No session, patient or alarm id is a label. Thread-safe.
 */
public final class AgentMetrics {
  private AgentMetrics() {}

  /**
   * Registers the agent's metrics.
   *
   * @param status the agent's status snapshot (taken once per scrape)
   * @param publisher the journal's publisher (published records, receipts)
   * @param backlogAge the age of the oldest unacknowledged record
   * @param samplesRecorded samples journaled per channel (channel names come from the device
   *     profile, so the label's values are few)
   */
  public static PrometheusRegistry registry(
      Supplier<AgentStatus> status,
      Supplier<JournalPublisher> publisher,
      Liveness liveness,
      BacklogAge backlogAge,
      Supplier<Map<String, Long>> samplesRecorded) {
    PrometheusRegistry registry = new PrometheusRegistry();
    CounterWithCallback.builder()
        .name("rehab_agent_samples_recorded")
        .help(
            "Samples journaled per channel since the agent started (a downsampled channel counts"
                + " its windows): what storage should hold of this device's sessions since then.")
        .labelNames("channel")
        .callback(cb -> samplesRecorded.get().forEach((channel, count) -> cb.call(count, channel)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_journal_oldest_unsent_age_seconds")
        .help(
            "How long the oldest record not yet confirmed stored by a gateway (receipts ignored: not"
                + " yet acknowledged by the broker) has waited (its message time to now); 0 when"
                + " none waits.")
        .callback(cb -> cb.call(backlogAge.seconds()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_journal_records")
        .help(
            "Journal records by state: unsent means not yet confirmed stored by a gateway"
                + " (receipts ignored: not yet acknowledged by the broker).")
        .labelNames("state")
        .callback(cb -> cb.call(journal(status).unsentRecords(), "unsent"))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_journal_bytes")
        .help("Bytes in the journal's segment files.")
        .callback(cb -> cb.call((double) journal(status).diskBytes()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_journal_unwritten_records")
        .help("Records waiting in memory because the journal cannot write (a full disk).")
        .callback(cb -> cb.call(journal(status).unwrittenRecords()))
        .register(registry);
    CounterWithCallback.builder()
        .name("rehab_agent_journal_evicted_unsent_records")
        .help("Unsent records the journal dropped to keep within a bound: data lost, reported.")
        .callback(cb -> cb.call((double) journal(status).evictedUnsent()))
        .register(registry);
    CounterWithCallback.builder()
        .name("rehab_agent_journal_write_failures")
        .help("Failed journal writes and fsyncs.")
        .callback(cb -> cb.call((double) journal(status).writeFailures()))
        .register(registry);
    CounterWithCallback.builder()
        .name("rehab_agent_published_records")
        .help("Journal records handed to the broker (QoS 1).")
        .callback(cb -> cb.call((double) publisher.get().published()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_records_awaiting_receipt")
        .help("Records published and not yet confirmed stored by a gateway.")
        .callback(cb -> cb.call(publisher.get().awaitingReceipt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_receipts_required")
        .help(
            "1 while records are kept until a gateway's storage receipt; 0 while they are freed on"
                + " the broker's acknowledgement (receipts ignored, or none seen yet).")
        .callback(cb -> cb.call(publisher.get().receiptsRequired() ? 1 : 0))
        .register(registry);
    CounterWithCallback.builder()
        .name("rehab_agent_receipt_records")
        .help(
            "Records by what freed them: stored and dead_lettered (a gateway's receipt), grace"
                + " (no receipt seen, freed after the grace period); and events that free nothing:"
                + " resent (an overdue receipt), gave_up (no receipt after 10 resends, kept),"
                + " answered_lost (asked for again, but evicted: answered with a 'lost' message).")
        .labelNames("outcome")
        .callback(
            cb -> {
              ReceiptStats stats = publisher.get().receiptStats();
              long deadLettered = stats.deadLettered.sum();
              cb.call((double) stats.receipted.sum() - deadLettered, "stored");
              cb.call((double) deadLettered, "dead_lettered");
              cb.call((double) stats.freedWithoutReceipt.sum(), "grace");
              cb.call((double) stats.resent.sum(), "resent");
              cb.call((double) stats.gaveUp.sum(), "gave_up");
              cb.call((double) stats.answeredLost.sum(), "answered_lost");
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("rehab_agent_live_previews")
        .help(
            "Live previews of a running session's newest samples (QoS 0, not journaled): published"
                + " or dropped (not connected); the same samples go to storage in the next batch.")
        .labelNames("outcome")
        .callback(
            cb -> {
              cb.call((double) publisher.get().livePublished(), "published");
              cb.call((double) publisher.get().liveDropped(), "dropped");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_broker_connected")
        .help("1 while the agent is connected to its broker.")
        .callback(cb -> cb.call(status.get().brokerConnected() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_alarms_active")
        .help("Alarms shown on the device now, by IEC 60601-1-8 priority.")
        .labelNames("priority")
        .callback(
            cb -> {
              AgentStatus now = status.get();
              for (String priority : new String[] {"HIGH", "MEDIUM", "LOW"}) {
                long count =
                    now.alarms().stream()
                        .map(ActiveAlarm::spec)
                        .filter(spec -> spec.priority().name().equals(priority))
                        .count();
                cb.call((double) count, priority.toLowerCase(Locale.ROOT));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("rehab_agent_sensors_faulted")
        .help("Sensors in a fault now (silent, out of range, port lost).")
        .callback(
            cb ->
                cb.call(
                    (double)
                        status.get().sensors().stream().filter(SensorStatus::isFaulted).count()))
        .register(registry);
    Operations.registerLiveness(registry, "rehab_agent", liveness);
    return registry;
  }

  private static JournalStats journal(Supplier<AgentStatus> status) {
    return status.get().journal();
  }
}
