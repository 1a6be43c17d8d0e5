package org.rehabtelemetry.protocol.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

/**
 * Writes messages as compact JSON with a fixed field order (envelope first). Thread-safe.
 *
 * <p>Doubles are written in the shortest form that reads back to the same value, so encode then
 * decode is the identity.
 */
public final class MessageEncoder {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  /**
   * Encodes one message.
   *
   * @throws ProtocolException with field {@code (payload)} if the result exceeds {@link
   *     Limits#MAX_MESSAGE_BYTES}; split the batch and try again
   */
  public byte[] encode(Message message) {
    ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("schema", Limits.SCHEMA_VERSION);
      json.writeStringField("type", message.type().wireName());
      json.writeStringField("deviceId", message.header().deviceId());
      json.writeStringField("bootId", message.header().bootId());
      json.writeStringField("time", message.header().time().toString());
      if (message.sessionRef().isPresent()) {
        SessionRef session = message.sessionRef().get();
        json.writeStringField("sessionId", session.sessionId());
        json.writeNumberField("seq", session.seq());
      }
      switch (message.type()) {
        case STATUS -> writeStatus(json, (DeviceStatus) message);
        case SESSION -> writeSessionEvent(json, (SessionEvent) message);
        case SAMPLES -> writeSamples(json, (SampleBatch) message);
        case ALARM -> writeAlarm(json, (AlarmEvent) message);
        case SUMMARY -> writeSummary(json, (SessionSummary) message);
        case LOST -> writeLost(json, (LostRecords) message);
        case LIVE -> writeLive(json, (LiveSamples) message);
        case COMMAND -> writeCommand(json, (DeviceCommand) message);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    byte[] bytes = out.toByteArray();
    out.release();
    if (bytes.length > Limits.MAX_MESSAGE_BYTES) {
      throw new ProtocolException(
          ProtocolException.PAYLOAD,
          "encodes to "
              + bytes.length
              + " bytes, the limit is "
              + Limits.MAX_MESSAGE_BYTES
              + "; split the batch");
    }
    return bytes;
  }

  private static void writeStatus(JsonGenerator json, DeviceStatus status) throws IOException {
    json.writeStringField("state", status.state().wireName());
    json.writeStringField("kind", status.kind().wireName());
    json.writeStringField("agentVersion", status.agentVersion());
    json.writeBooleanField("clockSynchronised", status.clockSynchronised());
    writeOptional(json, "currentSessionId", status.currentSessionId());
    writeOptional(json, "reason", status.reason());
  }

  private static void writeSessionEvent(JsonGenerator json, SessionEvent event) throws IOException {
    json.writeStringField("event", event.event().wireName());
    json.writeStringField("reason", event.reason());
    writeOptional(json, "patientCode", event.patientCode());
    writeOptional(json, "programme", event.programme());
    if (!event.settings().isEmpty()) {
      json.writeObjectFieldStart("settings");
      for (Map.Entry<String, Double> setting : event.settings().entrySet()) {
        json.writeNumberField(setting.getKey(), setting.getValue());
      }
      json.writeEndObject();
    }
  }

  private static void writeLive(JsonGenerator json, LiveSamples live) throws IOException {
    json.writeStringField("sessionId", live.sessionId());
    writeColumns(json, live.t0Us(), live.channels());
  }

  private static void writeSamples(JsonGenerator json, SampleBatch batch) throws IOException {
    writeColumns(json, batch.t0Us(), batch.channels());
  }

  private static void writeColumns(JsonGenerator json, long t0Us, List<ChannelSamples> channels)
      throws IOException {
    json.writeNumberField("t0Us", t0Us);
    json.writeArrayFieldStart("channels");
    for (ChannelSamples channel : channels) {
      json.writeStartObject();
      json.writeStringField("channel", channel.channel());
      json.writeStringField("unit", channel.unit());
      json.writeArrayFieldStart("offsetsUs");
      for (int i = 0; i < channel.size(); i++) {
        json.writeNumber(channel.offsetUs(i));
      }
      json.writeEndArray();
      json.writeArrayFieldStart("values");
      for (int i = 0; i < channel.size(); i++) {
        json.writeNumber(channel.value(i));
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeAlarm(JsonGenerator json, AlarmEvent alarm) throws IOException {
    json.writeStringField("alarmId", alarm.alarmId());
    json.writeStringField("state", alarm.state().wireName());
    json.writeStringField("code", alarm.code());
    json.writeStringField("priority", alarm.priority().wireName());
    json.writeBooleanField("latched", alarm.latched());
    writeOptional(json, "channel", alarm.channel());
    if (alarm.value() != null) {
      json.writeNumberField("value", alarm.value());
    }
    if (alarm.limit() != null) {
      json.writeNumberField("limit", alarm.limit());
    }
    json.writeStringField("message", alarm.message());
  }

  private static void writeSummary(JsonGenerator json, SessionSummary summary) throws IOException {
    json.writeStringField("outcome", summary.outcome().wireName());
    json.writeStringField("startedAt", summary.startedAt().toString());
    json.writeStringField("endedAt", summary.endedAt().toString());
    json.writeObjectFieldStart("metrics");
    for (Map.Entry<String, Metric> metric : summary.metrics().entrySet()) {
      json.writeObjectFieldStart(metric.getKey());
      json.writeNumberField("value", metric.getValue().value());
      json.writeStringField("unit", metric.getValue().unit());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void writeLost(JsonGenerator json, LostRecords lost) throws IOException {
    json.writeStringField("sessionId", lost.sessionId());
    json.writeStringField("seqs", lost.seqsText());
    json.writeStringField("evictedAt", lost.evictedAt().toString());
    json.writeStringField("reason", lost.reason());
  }

  private static void writeCommand(JsonGenerator json, DeviceCommand command) throws IOException {
    json.writeStringField("commandId", command.commandId());
    json.writeStringField("name", command.name());
    if (!command.args().isEmpty()) {
      json.writeObjectFieldStart("args");
      for (Map.Entry<String, String> arg : command.args().entrySet()) {
        json.writeStringField(arg.getKey(), arg.getValue());
      }
      json.writeEndObject();
    }
  }

  private static void writeOptional(JsonGenerator json, String name, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }
}
