package org.rehabtelemetry.gateway.storage;

import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SampleBatch;

/**
 * Encodes a wire message as line protocol (the schema in {@code docs/storage.md}). Samples, the
 * bulk of the data, are written straight from the batch's columns, one line per sample, without
 * building a point object each (a 16,384-sample batch costs its text, about 1.5 MB, not ten times
 * that in objects); the few other points go through {@link PointMapper}. Stateless and thread-safe.
 */
public final class LineEncoder {
  private LineEncoder() {}

  /** The lines of one message; commands have none. */
  public static Lines encode(String site, Message message) {
    StringBuilder out = new StringBuilder(256);
    int points = 0;
    for (Point point : PointMapper.points(site, message)) {
      LineProtocol.append(out, point);
      points++;
    }
    if (message instanceof SampleBatch batch) {
      points += samples(site, batch, out);
    }
    return new Lines(out.toString(), points);
  }

  /** One {@code sample} line per sample; tags in key order, as {@link Point} sorts them. */
  private static int samples(String site, SampleBatch batch, StringBuilder out) {
    int points = 0;
    for (ChannelSamples channel : batch.channels()) {
      StringBuilder prefix = new StringBuilder("sample");
      tag(prefix, "channel", channel.channel());
      tag(prefix, "device", batch.header().deviceId());
      tag(prefix, "session", batch.session().sessionId());
      tag(prefix, "site", site);
      tag(prefix, "unit", channel.unit());
      prefix.append(" value=");
      for (int i = 0; i < channel.size(); i++) {
        out.append(prefix)
            .append(channel.value(i))
            .append(' ')
            .append(batch.t0Us() + channel.offsetUs(i))
            .append('\n');
        points++;
      }
    }
    return points;
  }

  private static void tag(StringBuilder out, String key, String value) {
    out.append(',').append(key).append('=');
    LineProtocol.escapeTag(out, value);
  }
}
