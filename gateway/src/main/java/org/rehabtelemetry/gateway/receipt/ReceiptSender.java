package org.rehabtelemetry.gateway.receipt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.rehabtelemetry.gateway.ingest.DeadLetterSender;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.gateway.session.SeqRanges;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageKey;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what ingest has durably stored or dead-lettered, per device, and every {@link #flush()}
 * sends each device one receipt per session (its {@code seq}s as ranges) and one per idle alarm
 * change, on the device's {@code cmd} topic.
 *
 * <p>A receipt that is lost (the broker is down at the flush, or the device is offline, as devices
 * keep no broker session) costs only a resend: the device sends the record again when its receipt
 * is overdue, the store overwrites it with itself, and a new receipt follows. So pending receipts
 * are bounded ({@code maxPendingRanges}); beyond the bound new ones are not remembered, and the
 * drop is counted.
 *
 * <p>Thread-safe: ingest's writer thread calls the listener methods, the housekeeping thread
 * flushes; only the short swap of the pending set is locked.
 */
public final class ReceiptSender implements IngestListener {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptSender.class);

  private record Device(String site, String deviceId) {}

  private record Pending(Map<String, SeqRanges> sessions, List<MessageKey.IdleAlarm> idleAlarms) {}

  private record Key(Device device, String deadLettered) {}

  private final CommandPublisher out;
  private final Clock clock;
  private final int maxPendingRanges;
  private final CommandIds ids = new CommandIds('R');
  private final MessageCodec codec = new MessageCodec();
  private Map<Key, Pending> pending = new LinkedHashMap<>();
  private int pendingRanges;

  /** Receipt commands handed to the broker. */
  public final LongAdder sent = new LongAdder();

  /** Messages named in receipts handed to the broker. */
  public final LongAdder messages = new LongAdder();

  /** Messages not receipted: over the bound, or the broker was unreachable at the flush. */
  public final LongAdder dropped = new LongAdder();

  /**
   * @param out the broker connection to send on
   * @param maxPendingRanges seq ranges and idle alarms remembered between flushes at most
   */
  public ReceiptSender(CommandPublisher out, Clock clock, int maxPendingRanges) {
    this.out = out;
    this.clock = clock;
    this.maxPendingRanges = maxPendingRanges;
  }

  @Override
  public void stored(String site, Message message) {
    MessageKey.of(message)
        .ifPresent(
            key -> remember(new Key(new Device(site, message.header().deviceId()), null), key));
  }

  @Override
  public void deadLettered(String topic, byte[] payload, String reason) {
    DeadLetterSender.of(topic, payload)
        .ifPresent(
            sender ->
                remember(
                    new Key(
                        new Device(sender.topic().site(), sender.topic().deviceId()),
                        DeadLetterSender.shortReason(reason)),
                    sender.key()));
  }

  /** Sends every receipt collected since the last flush. Called on one thread. */
  public void flush() {
    Map<Key, Pending> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      batch = pending;
      pending = new LinkedHashMap<>();
      pendingRanges = 0;
    }
    for (Map.Entry<Key, Pending> entry : batch.entrySet()) {
      Key key = entry.getKey();
      String topic =
          new Topic(key.device().site(), key.device().deviceId(), MessageType.COMMAND).toString();
      Header header = new Header(key.device().deviceId(), ids.bootId(), clock.instant());
      List<Receipt> receipts = new ArrayList<>();
      long named = 0;
      for (Map.Entry<String, SeqRanges> session : entry.getValue().sessions().entrySet()) {
        List<SeqRange> ranges = new ArrayList<>();
        for (long[] range : session.getValue().ranges()) {
          ranges.add(new SeqRange(range[0], range[1]));
        }
        receipts.add(new Receipt.ForSession(session.getKey(), ranges, key.deadLettered()));
        named += session.getValue().count();
      }
      for (MessageKey.IdleAlarm alarm : entry.getValue().idleAlarms()) {
        receipts.add(new Receipt.ForIdleAlarm(alarm.alarmId(), alarm.state(), key.deadLettered()));
        named++;
      }
      boolean delivered = true;
      try {
        for (Receipt receipt : receipts) {
          for (DeviceCommand command : receipt.toCommands(header, ids::next)) {
            delivered &= out.publish(topic, codec.encode(command));
            sent.increment();
          }
        }
      } catch (RuntimeException e) {
        // One device's receipts must never stop the others' (nor the housekeeping thread).
        delivered = false;
        LOG.warn("receipts for {} not sent: {}", topic, e.getMessage());
      }
      if (delivered) {
        messages.add(named);
      } else {
        dropped.add(named);
        LOG.debug("receipts for {} not sent (broker unreachable); it will resend", topic);
      }
    }
  }

  private synchronized void remember(Key key, MessageKey message) {
    if (pendingRanges >= maxPendingRanges) {
      dropped.increment();
      return;
    }
    Pending forDevice =
        pending.computeIfAbsent(key, k -> new Pending(new HashMap<>(), new ArrayList<>()));
    if (message instanceof MessageKey.InSession session) {
      SeqRanges seqs =
          forDevice
              .sessions()
              .computeIfAbsent(session.sessionId(), s -> new SeqRanges(maxPendingRanges));
      int before = seqs.rangeCount();
      seqs.add(session.seq());
      pendingRanges += seqs.rangeCount() - before;
    } else {
      forDevice.idleAlarms().add((MessageKey.IdleAlarm) message);
      pendingRanges++;
    }
  }
}
