package org.rehabtelemetry.gateway.receipt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.rehabtelemetry.gateway.session.GapListener;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.ResendRequest;
import org.rehabtelemetry.protocol.SeqRange;
import org.rehabtelemetry.protocol.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a device to send again what a completeness check found missing: a {@code RESEND} command on
 * its {@code cmd} topic naming the gaps (docs/protocol.md). The device resends at once what it
 * still holds, and answers with a {@code lost} message what its journal evicted; only gaps it has
 * not answered for are asked for again. Completeness checks an incomplete session every 10 s for 5
 * minutes, so a device is asked at most that often per session. Thread-safe.
 */
public final class ResendRequester implements GapListener {
  private static final Logger LOG = LoggerFactory.getLogger(ResendRequester.class);

  private final CommandPublisher out;
  private final Clock clock;
  private final MessageCodec codec = new MessageCodec();
  private final CommandIds ids = new CommandIds('Q');

  /** Resend requests handed to the broker. */
  public final LongAdder sent = new LongAdder();

  public ResendRequester(CommandPublisher out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void gaps(String site, String device, String sessionId, List<long[]> gaps) {
    if (gaps.isEmpty()) {
      return;
    }
    List<SeqRange> seqs = new ArrayList<>(gaps.size());
    for (long[] gap : gaps) {
      seqs.add(new SeqRange(gap[0], gap[1]));
    }
    String topic = new Topic(site, device, MessageType.COMMAND).toString();
    Header header = new Header(device, ids.bootId(), clock.instant());
    try {
      send(topic, header, new ResendRequest(sessionId, seqs));
    } catch (RuntimeException e) {
      LOG.warn("resend request to {} not sent: {}", topic, e.getMessage());
    }
  }

  private void send(String topic, Header header, ResendRequest request) {
    for (DeviceCommand command : request.toCommands(header, ids::next)) {
      if (out.publish(topic, codec.encode(command))) {
        sent.increment();
      }
    }
  }
}
