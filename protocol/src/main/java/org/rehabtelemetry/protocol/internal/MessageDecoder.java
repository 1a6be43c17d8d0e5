package org.rehabtelemetry.protocol.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Limits;
import org.rehabtelemetry.protocol.LiveSamples;
import org.rehabtelemetry.protocol.LostRecords;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Metric;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SeqRangeText;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;

/**
 * Decodes and validates JSON payloads. Thread-safe and stateless apart from the shared mapper.
 *
 * <p>Memory per call is bounded by the payload size limit, which is checked before parsing, and by
 * Jackson's read constraints (nesting depth, number and name lengths).
 */
public final class MessageDecoder {
  private static final ObjectMapper MAPPER = createMapper();

  private static ObjectMapper createMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(8)
                .maxNumberLength(40)
                .maxNameLength(256)
                .maxStringLength(Limits.MAX_MESSAGE_BYTES)
                .maxDocumentLength(Limits.MAX_MESSAGE_BYTES)
                .build());
    return mapper;
  }

  /**
   * Decodes one payload.
   *
   * @throws ProtocolException for every fault: size, syntax, schema version, type or any field
   */
  public Message decode(byte[] payload) {
    if (payload == null) {
      throw new ProtocolException(ProtocolException.PAYLOAD, "is missing");
    }
    if (payload.length > Limits.MAX_MESSAGE_BYTES) {
      throw new ProtocolException(
          ProtocolException.PAYLOAD,
          "is " + payload.length + " bytes, the limit is " + Limits.MAX_MESSAGE_BYTES);
    }
    StrictObject root = StrictObject.of(parse(payload), "");
    long schema = root.integer("schema", Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (schema != Limits.SCHEMA_VERSION) {
      throw new ProtocolException(
          "schema",
          "version "
              + schema
              + " is not supported; this reader speaks version "
              + Limits.SCHEMA_VERSION);
    }
    MessageType type = MessageType.parse("type", root.text("type"));
    Header header = header(root);
    Message message =
        switch (type) {
          case STATUS -> status(root, header);
          case SESSION -> sessionEvent(root, header);
          case SAMPLES -> samples(root, header);
          case ALARM -> alarm(root, header);
          case SUMMARY -> summary(root, header);
          case LOST -> lost(root, header);
          case LIVE -> live(root, header);
          case COMMAND -> command(root, header);
        };
    root.rejectUnknownFields("a '" + type.wireName() + "' message (schema " + schema + ")");
    return message;
  }

  private static JsonNode parse(byte[] payload) {
    try (JsonParser parser = MAPPER.getFactory().createParser(payload)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null) {
        throw new ProtocolException(ProtocolException.PAYLOAD, "is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + " column "
                  + e.getLocation().getColumnNr();
      throw new ProtocolException(
          ProtocolException.PAYLOAD, "is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolException(
          ProtocolException.PAYLOAD, "could not be read: " + e.getMessage());
    }
  }

  private static Header header(StrictObject root) {
    String deviceId = root.text("deviceId");
    String bootId = root.text("bootId");
    Instant time = instant(root, "time");
    return new Header(deviceId, bootId, time);
  }

  private static SessionRef sessionRef(StrictObject root) {
    String sessionId = root.text("sessionId");
    long seq = root.integer("seq", 0, Limits.MAX_SEQ);
    return new SessionRef(sessionId, seq);
  }

  private static Instant instant(StrictObject object, String name) {
    String text = object.text(name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ProtocolException(
          object.path(name),
          "must be an ISO-8601 UTC instant such as 2026-11-23T09:15:30.250Z, was \""
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
              + "\"");
    }
  }

  private static DeviceStatus status(StrictObject root, Header header) {
    return new DeviceStatus(
        header,
        DeviceState.parse("state", root.text("state")),
        DeviceKind.parse("kind", root.text("kind")),
        root.text("agentVersion"),
        root.bool("clockSynchronised"),
        root.optionalText("currentSessionId"),
        root.optionalText("reason"));
  }

  private static SessionEvent sessionEvent(StrictObject root, Header header) {
    SessionRef session = sessionRef(root);
    SessionEventType event = SessionEventType.parse("event", root.text("event"));
    String reason = root.text("reason");
    String patientCode = root.optionalText("patientCode");
    String programme = root.optionalText("programme");
    StrictObject settingsObject = root.optionalObject("settings");
    Map<String, Double> settings = new LinkedHashMap<>();
    if (settingsObject != null) {
      for (Iterator<String> names = settingsObject.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        settings.put(name, settingsObject.number(name));
      }
    }
    return new SessionEvent(header, session, event, reason, patientCode, programme, settings);
  }

  private static SampleBatch samples(StrictObject root, Header header) {
    SessionRef session = sessionRef(root);
    long t0Us = root.integer("t0Us", 0, SampleBatch.MAX_T0_US);
    return new SampleBatch(header, session, t0Us, channels(root));
  }

  private static LiveSamples live(StrictObject root, Header header) {
    String sessionId = root.text("sessionId");
    long t0Us = root.integer("t0Us", 0, SampleBatch.MAX_T0_US);
    return new LiveSamples(header, sessionId, t0Us, channels(root));
  }

  private static List<ChannelSamples> channels(StrictObject root) {
    JsonNode channelNodes = root.array("channels", Limits.MAX_CHANNELS_PER_BATCH);
    List<ChannelSamples> channels = new ArrayList<>(channelNodes.size());
    for (int i = 0; i < channelNodes.size(); i++) {
      channels.add(channel(StrictObject.of(channelNodes.get(i), "channels[" + i + "]")));
    }
    return channels;
  }

  private static ChannelSamples channel(StrictObject object) {
    String channel = object.text("channel");
    String unit = object.text("unit");
    JsonNode offsetNodes = object.array("offsetsUs", Limits.MAX_SAMPLES_PER_BATCH);
    JsonNode valueNodes = object.array("values", Limits.MAX_SAMPLES_PER_BATCH);
    long[] offsets = new long[offsetNodes.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] =
          StrictObject.asInteger(
              object.path("offsetsUs") + "[" + i + "]",
              offsetNodes.get(i),
              0,
              Limits.MAX_OFFSET_US);
    }
    double[] values = new double[valueNodes.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = StrictObject.asNumber(object.path("values") + "[" + i + "]", valueNodes.get(i));
    }
    object.rejectUnknownFields("a channel");
    return nested(object.location(), () -> new ChannelSamples(channel, unit, offsets, values));
  }

  private static AlarmEvent alarm(StrictObject root, Header header) {
    boolean inSession = root.optional("sessionId") != null || root.optional("seq") != null;
    SessionRef session = inSession ? sessionRef(root) : null;
    return new AlarmEvent(
        header,
        session,
        root.text("alarmId"),
        AlarmState.parse("state", root.text("state")),
        root.text("code"),
        AlarmPriority.parse("priority", root.text("priority")),
        root.bool("latched"),
        root.optionalText("channel"),
        root.optionalNumber("value"),
        root.optionalNumber("limit"),
        root.text("message"));
  }

  private static SessionSummary summary(StrictObject root, Header header) {
    SessionRef session = sessionRef(root);
    SessionEventType outcome = SessionEventType.parse("outcome", root.text("outcome"));
    Instant startedAt = instant(root, "startedAt");
    Instant endedAt = instant(root, "endedAt");
    StrictObject metricsObject = root.object("metrics");
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (Iterator<String> names = metricsObject.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      StrictObject metric = metricsObject.object(name);
      double value = metric.number("value");
      String unit = metric.text("unit");
      metric.rejectUnknownFields("a metric");
      metrics.put(name, nested(metricsObject.path(name), () -> new Metric(value, unit)));
    }
    return new SessionSummary(header, session, outcome, startedAt, endedAt, metrics);
  }

  private static LostRecords lost(StrictObject root, Header header) {
    return new LostRecords(
        header,
        root.text("sessionId"),
        SeqRangeText.parse(root.path("seqs"), root.text("seqs")),
        instant(root, "evictedAt"),
        root.text("reason"));
  }

  private static DeviceCommand command(StrictObject root, Header header) {
    String commandId = root.text("commandId");
    String name = root.text("name");
    StrictObject argsObject = root.optionalObject("args");
    Map<String, String> args = new LinkedHashMap<>();
    if (argsObject != null) {
      for (Iterator<String> names = argsObject.fieldNames(); names.hasNext(); ) {
        String arg = names.next();
        args.put(arg, argsObject.text(arg));
      }
    }
    return new DeviceCommand(header, commandId, name, args);
  }

  /** Builds a nested value, prefixing the path of any field error with the value's location. */
  private static <T> T nested(String prefix, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (ProtocolException e) {
      throw new ProtocolException(prefix + "." + e.field(), e.reason(), e);
    }
  }
}
