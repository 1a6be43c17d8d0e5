package org.rehabtelemetry.protocol;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a message's times may lie from the receiver's clock: at most {@code maxFutureSkew} ahead
 * (clocks differ by seconds, not days) and at most {@code maxBackfill} behind (a device replaying
 * its journal after a long outage sends old records, but not older than its journal keeps). The
 * receiver applies it to the envelope {@code time}, every sample's time, and a summary's start and
 * end; a retained {@code status} is checked only for the future, since it may rightly be old. A
 * device with an unsynchronised clock (1970) therefore has its messages refused with this reason
 * until its clock is set, and kept as dead letters meanwhile. Immutable.
 *
 * @param maxFutureSkew how far ahead of the receiver's clock a time may be
 * @param maxBackfill how far behind it a time may be
 */
public record TimeWindow(Duration maxFutureSkew, Duration maxBackfill) {
  /** Ten minutes ahead, 30 days behind (the journal keeps 14 days by default). */
  public static final TimeWindow DEFAULT =
      new TimeWindow(Duration.ofMinutes(10), Duration.ofDays(30));

  public TimeWindow {
    if (maxFutureSkew.isNegative() || maxBackfill.isNegative()) {
      throw new IllegalArgumentException("a time window cannot be negative");
    }
  }

  /**
   * Checks every time of {@code message} against {@code now}.
   *
   * @throws ProtocolException naming the field, its time and the bound it broke
   */
  public void check(Message message, Instant now) {
    boolean checkPast = message.type() != MessageType.STATUS;
    check("time", message.header().time(), now, checkPast);
    if (message instanceof SampleBatch batch) {
      checkSamples(batch.t0Us(), batch.channels(), now);
    } else if (message instanceof LiveSamples live) {
      checkSamples(live.t0Us(), live.channels(), now);
    } else if (message instanceof SessionSummary summary) {
      check("startedAt", summary.startedAt(), now, true);
      check("endedAt", summary.endedAt(), now, true);
    }
  }

  private void checkSamples(long t0Us, java.util.List<ChannelSamples> channels, Instant now) {
    for (ChannelSamples channel : channels) {
      checkMicros("t0Us", t0Us + channel.offsetUs(0), now);
      checkMicros("t0Us", t0Us + channel.offsetUs(channel.size() - 1), now);
    }
  }

  private void checkMicros(String field, long micros, Instant now) {
    check(
        field,
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L),
        now,
        true);
  }

  private void check(String field, Instant time, Instant now, boolean checkPast) {
    if (time.isAfter(now.plus(maxFutureSkew))) {
      throw new ProtocolException(
          field,
          "is "
              + time
              + ", more than "
              + maxFutureSkew.toMinutes()
              + " min ahead of the receiver's clock ("
              + now
              + ")");
    }
    if (checkPast && time.isBefore(now.minus(maxBackfill))) {
      throw new ProtocolException(
          field,
          "is "
              + time
              + ", more than "
              + maxBackfill.toDays()
              + " days behind the receiver's clock ("
              + now
              + "); is the device's clock set?");
    }
  }
}
