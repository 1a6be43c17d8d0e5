package org.rehabtelemetry.agent.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rehabtelemetry.agent.journal.Journal;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.ResendRequest;
import org.rehabtelemetry.protocol.SeqRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's side of storage receipts (docs/protocol.md): names each published record by its
 * {@link MessageKey}, frees records from the journal when a {@link Receipt} covers them, answers a
 * {@link ResendRequest}, and on the publisher's turns frees records past the grace period (no
 * receipt seen yet) or names those whose receipt is overdue. Whether receipts were ever seen is
 * remembered in the settings' marker file.
 *
 * <p>Thread-safe: the MQTT client's thread delivers commands and acknowledgements, the publisher's
 * thread sends and maintains; the {@link ReceiptTracker} is guarded by itself, and the journal is
 * only called outside that lock.
 */
final class ReceiptKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptKeeper.class);
  private static final long MAINTENANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final ReceiptSettings settings;
  private final Journal journal;
  private final Runnable wake;
  private final ReceiptTracker tracker;
  private final ReceiptStats stats = new ReceiptStats();
  private final LostAnswers lostAnswers;
  private final MessageCodec codec = new MessageCodec();
  private volatile boolean seen;
  private volatile long nextMaintenanceNanos;

  /** When the last receipt arrived; guarded by {@code tracker}. */
  private long lastReceiptNanos = System.nanoTime();

  /**
   * @param wake ends the publisher's pause (records due to be sent again, answers queued)
   */
  ReceiptKeeper(ReceiptSettings settings, Journal journal, Runnable wake) {
    this.settings = settings;
    this.journal = journal;
    this.wake = wake;
    this.lostAnswers = new LostAnswers(journal, stats);
    this.tracker = new ReceiptTracker(settings.timeout().toNanos());
    this.seen =
        settings.mode() == ReceiptSettings.Mode.REQUIRED
            || (settings.seenMarker() != null && Files.exists(settings.seenMarker()));
  }

  /** Whether records wait for receipts at all (not {@link ReceiptSettings.Mode#IGNORE}). */
  boolean enabled() {
    return settings.mode() != ReceiptSettings.Mode.IGNORE;
  }

  ReceiptStats stats() {
    return stats;
  }

  int awaiting() {
    synchronized (tracker) {
      return tracker.size();
    }
  }

  boolean required() {
    return enabled() && seen;
  }

  /**
   * How many more sample records may be sent before receipts free room: unbounded until receipts
   * are required, then {@code maxAwaiting} less those waiting (0 when full).
   */
  int sampleRoom() {
    return required() ? Math.max(0, settings.maxAwaiting() - awaiting()) : Integer.MAX_VALUE;
  }

  String status() {
    if (!enabled()) {
      return "receipts ignored: records are freed when the broker acknowledges them";
    }
    if (seen) {
      return "records are kept until the gateway confirms it stored them";
    }
    return "no storage receipt seen yet: records are freed "
        + settings.grace().toMinutes()
        + " min after the broker acknowledges them (gateway without receipts?)";
  }

  /**
   * The record's key, now waiting for a receipt; null when receipts are ignored or it has none
   * (then the broker's acknowledgement frees it).
   */
  MessageKey sending(JournalRecord record) {
    MessageKey key = enabled() ? MessageKey.peek(record.payload()).orElse(null) : null;
    if (key != null) {
      synchronized (tracker) {
        tracker.sent(record.id(), key, System.nanoTime());
      }
    }
    return key;
  }

  /** The broker acknowledged a record that has a key: its receipt is due from now. */
  void acknowledged(long id) {
    synchronized (tracker) {
      tracker.acknowledged(id, System.nanoTime());
    }
  }

  /**
   * At most every 250 ms, on the publisher's thread: frees records past the grace period (no
   * receipt seen yet), or returns those whose receipt is overdue, at most {@code room}, for the
   * publisher to send again. Empty otherwise.
   */
  List<Long> maintain(int room) {
    long now = System.nanoTime();
    if (!enabled() || now - nextMaintenanceNanos < 0) {
      return List.of();
    }
    nextMaintenanceNanos = now + MAINTENANCE_NANOS;
    List<Long> due = List.of();
    List<Long> expired = List.of();
    int gaveUp;
    long frontier = journal.sentFrontier();
    synchronized (tracker) {
      tracker.forgetUpTo(frontier);
      if (!seen) {
        expired = tracker.acknowledgedBefore(now, settings.grace().toNanos());
      } else {
        due = tracker.overdue(now, Math.max(0, room));
      }
      gaveUp = tracker.takeGivenUp();
    }
    for (long id : expired) {
      journal.ack(id);
    }
    stats.freedWithoutReceipt.add(expired.size());
    if (gaveUp > 0) {
      stats.gaveUp.add(gaveUp);
      LOG.error(
          "{} records had no storage receipt after {} resends and are not sent again until a"
              + " reconnect or a restart; they stay in the journal (is the gateway refusing this"
              + " device?)",
          gaveUp,
          ReceiptTracker.MAX_RESENDS);
    }
    if (!due.isEmpty()) {
      LOG.info("{} records had no storage receipt in time; sent again", due.size());
    }
    return due;
  }

  /** A message on the device's {@code cmd} topic, on the MQTT client's thread. */
  void commandArrived(String commandTopic, byte[] payload) {
    Message message;
    try {
      message = codec.decode(commandTopic, payload);
    } catch (ProtocolException e) {
      stats.refusedCommands.increment();
      LOG.warn("ignored a malformed command: {}", e.getMessage());
      return;
    }
    if (!(message instanceof DeviceCommand command)) {
      return;
    }
    try {
      if (ResendRequest.COMMAND.equals(command.name())) {
        resendRequested(ResendRequest.parse(command));
      } else if (Receipt.COMMAND.equals(command.name())) {
        receiptArrived(Receipt.parse(command));
      } else {
        LOG.debug("command {} is not known here; ignored", command.name());
      }
    } catch (ProtocolException e) {
      stats.refusedCommands.increment();
      LOG.warn(
          "ignored a malformed {} {}: {}", command.name(), command.commandId(), e.getMessage());
    }
  }

  private void resendRequested(ResendRequest request) {
    long asked = 0;
    for (SeqRange range : request.seqs()) {
      asked += range.count();
    }
    int due;
    synchronized (tracker) {
      due = tracker.dueNow(request.sessionId(), request.seqs(), System.nanoTime());
    }
    stats.resendRequested.add(asked);
    long lost = lostAnswers.answer(request);
    nextMaintenanceNanos = System.nanoTime(); // send them on the publisher's next turn
    wake.run();
    LOG.info(
        "the gateway misses {} records of session {}: {} sent again now, {} answered as lost"
            + " (evicted here); the rest are still queued here, or were freed after a receipt",
        asked,
        request.sessionId(),
        due,
        lost);
  }

  /** On the publisher's thread: up to {@code max} queued {@code lost} answers to publish. */
  List<LostRecords> takeAnswers(int max, Supplier<Header> header) {
    return lostAnswers.take(max, header);
  }

  private void receiptArrived(Receipt receipt) {
    List<ReceiptTracker.Freed> freed;
    long now = System.nanoTime();
    synchronized (tracker) {
      if (now - lastReceiptNanos > settings.timeout().toNanos()) {
        tracker.resetBackoff(); // a gateway is back: what waited longest is due at once
      }
      lastReceiptNanos = now;
      freed = tracker.receipted(receipt, now);
    }
    for (ReceiptTracker.Freed record : freed) {
      journal.ack(record.id());
      stats.latency(record.latencyNanos());
    }
    stats.receipts.increment();
    stats.receipted.add(freed.size());
    if (receipt.deadLettered() != null && !freed.isEmpty()) {
      stats.deadLettered.add(freed.size());
      LOG.warn(
          "the gateway kept {} records as dead letters instead of storing them: {}",
          freed.size(),
          receipt.deadLettered());
    }
    if (!seen) {
      seen = true;
      rememberSeen();
      LOG.info("the gateway sends storage receipts: records are now kept until stored");
    }
  }

  private void rememberSeen() {
    if (settings.seenMarker() == null || Files.exists(settings.seenMarker())) {
      return;
    }
    try {
      Files.writeString(
          settings.seenMarker(),
          "the gateway sends storage receipts; delete this file only to go back to freeing"
              + " records a grace period after the broker acknowledges them\n");
    } catch (IOException e) {
      LOG.warn(
          "cannot remember that receipts were seen ({}); remembered until restart", e.toString());
    }
  }
}
