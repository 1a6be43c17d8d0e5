package org.rehabtelemetry.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MessageCodec codec = new MessageCodec();

  @Test
  void roundTrip_everyMessageType_decodesToEqualMessage() {
    for (Message message : SampleMessages.oneOfEach()) {
      byte[] encoded = codec.encode(message);
      Message decoded = codec.decode(encoded);
      assertEquals(message, decoded, () -> new String(encoded, UTF_8));
      assertArrayEquals(encoded, codec.encode(decoded), "re-encoding is stable");
    }
  }

  @Test
  void encode_sampleBatch_isColumnarJsonWithEnvelopeFirst() {
    String json = new String(codec.encode(SampleMessages.verticalizerSecond(7)), UTF_8);
    assertTrue(
        json.startsWith(
            "{\"schema\":1,\"type\":\"samples\",\"deviceId\":\"vert-01\",\"bootId\":\"b7c1e0d2\","
                + "\"time\":\"2026-11-23T09:15:30.250Z\",\"sessionId\":\"S20261123-0915-vert01\","
                + "\"seq\":7,\"t0Us\":1795425330250000,\"channels\":[{\"channel\":\"tiltDeg\","
                + "\"unit\":\"deg\",\"offsetsUs\":[0,100000,"),
        json);
  }

  @Test
  void decode_withTopic_returnsMessageWhenTopicAgrees() {
    Message message = SampleMessages.verticalizerSecond(1);
    Topic topic = new Topic("ward-b", "vert-01", MessageType.SAMPLES);
    assertEquals(message, codec.decode(topic.toString(), codec.encode(message)));
  }

  @Test
  void decode_topicTypeDisagrees_namesTypeField() {
    byte[] payload = codec.encode(SampleMessages.verticalizerSecond(1));
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> codec.decode("rehab/v1/ward-b/vert-01/alarm", payload));
    assertEquals("type", e.field());
    assertEquals("is 'samples' but the topic says 'alarm'", e.reason());
  }

  @Test
  void decode_topicDeviceDisagrees_namesDeviceIdField() {
    byte[] payload = codec.encode(SampleMessages.verticalizerSecond(1));
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> codec.decode("rehab/v1/ward-b/vert-02/samples", payload));
    assertEquals("deviceId", e.field());
  }

  @Test
  void decode_unknownSchemaVersion_isRejectedClearly() {
    assertRejected(
        json -> json.put("schema", 2),
        "schema",
        "version 2 is not supported; this reader speaks version 1");
  }

  @Test
  void decode_missingSchema_isRejected() {
    assertRejected(json -> json.remove("schema"), "schema", "is required");
  }

  @Test
  void decode_unknownType_listsAllowedTypes() {
    assertRejected(
        json -> json.put("type", "telemetry"),
        "type",
        "must be one of [status, session, samples, alarm, summary, lost, live, cmd], was \"telemetry\"");
  }

  @Test
  void decode_unknownField_isNamed() {
    assertRejected(
        json -> json.put("colour", "red"),
        "colour",
        "is not a field of a 'samples' message (schema 1)");
  }

  @Test
  void decode_unknownFieldInChannel_isNamedWithPath() {
    assertRejected(
        json -> channel(json, 1).put("gain", 2), "channels[1].gain", "is not a field of a channel");
  }

  @Test
  void decode_wrongFieldType_namesFieldAndValue() {
    assertRejected(
        json -> json.put("seq", "seven"),
        "seq",
        "must be an integer from 0 to 999999, was the string \"seven\"");
  }

  @Test
  void decode_negativeSeq_isRejected() {
    assertRejected(
        json -> json.put("seq", -1), "seq", "must be an integer from 0 to 999999, was -1");
  }

  @Test
  void decode_nonMonotonicOffsets_namesSample() {
    assertRejected(
        json -> channel(json, 0).withArray("offsetsUs").set(3, 100000),
        "channels[0].offsetsUs[3]",
        "must be greater than the previous offset and at most 600000000, was 100000");
  }

  @Test
  void decode_valueIsString_namesSample() {
    assertRejected(
        json -> channel(json, 2).withArray("values").set(5, "12.0"),
        "channels[2].values[5]",
        "must be a number, was the string \"12.0\"");
  }

  @Test
  void decode_hugeExponent_isNotFinite() {
    byte[] payload =
        new String(codec.encode(SampleMessages.verticalizerSecond(1)), UTF_8)
            .replace("\"values\":[45.0", "\"values\":[1e999")
            .getBytes(UTF_8);
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(payload));
    assertEquals("channels[0].values[0]", e.field());
  }

  @Test
  void decode_lengthMismatch_isRejected() {
    assertRejected(
        json -> channel(json, 3).withArray("values").add(97),
        "channels[3].values",
        "has 2 entries but offsetsUs has 1");
  }

  @Test
  void decode_repeatedChannel_isRejected() {
    assertRejected(
        json -> channel(json, 4).put("channel", "heartRate"),
        "channels[4].channel",
        "repeats channel 'heartRate'");
  }

  @Test
  void decode_badDeviceId_explainsSyntax() {
    assertRejected(
        json -> json.put("deviceId", "vert/01"),
        "deviceId",
        "must be a device id: 1-63 of a-z 0-9 '-', not starting with '-', was \"vert/01\"");
  }

  @Test
  void decode_badTime_showsExpectedFormat() {
    assertRejected(
        json -> json.put("time", "23.11.2026 09:15"),
        "time",
        "must be an ISO-8601 UTC instant such as 2026-11-23T09:15:30.250Z, was \"23.11.2026 09:15\"");
  }

  @Test
  void decode_patientName_isRejectedAsNotPseudonymous() {
    ObjectNode started = json(SampleMessages.oneOfEach().get(1));
    started.put("patientCode", "Anna Smith");
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(started));
    assertEquals("patientCode", e.field());
    assertTrue(e.reason().contains("never a name or birth date"), e.reason());
  }

  @Test
  void decode_patientCodeOnPause_isRejected() {
    ObjectNode started = json(SampleMessages.oneOfEach().get(1));
    started.put("event", "paused");
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(started));
    assertEquals("patientCode", e.field());
    assertEquals("is only allowed on a 'started' event, not 'paused'", e.reason());
  }

  @Test
  void decode_metricWithoutUnit_namesMetric() {
    ObjectNode summary = json(SampleMessages.oneOfEach().get(5));
    ((ObjectNode) summary.with("metrics").get("timeAt60DegMin")).remove("unit");
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(summary));
    assertEquals("metrics.timeAt60DegMin.unit", e.field());
  }

  @Test
  void decode_summaryEndingBeforeStart_isRejected() {
    ObjectNode summary = json(SampleMessages.oneOfEach().get(5));
    summary.put("endedAt", "2026-11-23T09:00:00Z");
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(summary));
    assertEquals("endedAt", e.field());
  }

  @Test
  void decode_alarmWithSeqButNoSession_isRejected() {
    ObjectNode alarm = json(SampleMessages.oneOfEach().get(3));
    alarm.remove("sessionId");
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(alarm));
    assertEquals("sessionId", e.field());
    assertEquals("is required", e.reason());
  }

  @Test
  void decode_lostWithOverlappingRanges_namesSeqs() {
    ObjectNode lost = json(SampleMessages.oneOfEach().get(6));
    lost.put("seqs", "3-9,8-12");
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(lost));
    assertEquals("seqs", e.field());
    assertEquals("ranges must ascend with gaps between them; '8-12' does not", e.reason());
  }

  @Test
  void decode_lostWithoutReasonOrTime_isRejected() {
    ObjectNode noReason = json(SampleMessages.oneOfEach().get(6));
    noReason.remove("reason");
    assertEquals("reason", assertThrows(ProtocolException.class, () -> decode(noReason)).field());
    ObjectNode badTime = json(SampleMessages.oneOfEach().get(6));
    badTime.put("evictedAt", "yesterday");
    assertEquals("evictedAt", assertThrows(ProtocolException.class, () -> decode(badTime)).field());
  }

  @Test
  void decode_lostWithSeqOfItsOwn_isRejectedAsUnknownField() {
    ObjectNode lost = json(SampleMessages.oneOfEach().get(6));
    lost.put("seq", 4);
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(lost));
    assertEquals("seq", e.field());
  }

  @Test
  void lost_tooManyRangesForOneText_isRefusedWhenBuilt() {
    java.util.List<SeqRange> ranges = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ranges.add(new SeqRange(10_000 + 2L * i, 10_000 + 2L * i));
    }
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                new LostRecords(
                    SampleMessages.HEADER, "S1", ranges, SampleMessages.T0, "size limit"));
    assertEquals("seqs", e.field());
  }

  @Test
  void decode_duplicateKey_isRejected() {
    byte[] payload =
        new String(codec.encode(SampleMessages.verticalizerSecond(1)), UTF_8)
            .replace("\"seq\":1,", "\"seq\":1,\"seq\":2,")
            .getBytes(UTF_8);
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(payload));
    assertEquals(ProtocolException.PAYLOAD, e.field());
    assertTrue(e.reason().contains("Duplicate field 'seq'"), e.reason());
  }

  @Test
  void decode_trailingGarbage_isRejected() {
    byte[] payload =
        (new String(codec.encode(SampleMessages.verticalizerSecond(1)), UTF_8) + "}x")
            .getBytes(UTF_8);
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(payload));
    assertEquals(ProtocolException.PAYLOAD, e.field());
  }

  @Test
  void decode_notJson_saysWhere() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> codec.decode("{\"schema\":1,".getBytes(UTF_8)));
    assertEquals(ProtocolException.PAYLOAD, e.field());
    assertTrue(e.reason().startsWith("is not valid JSON at line 1 column"), e.reason());
  }

  @Test
  void decode_arrayRoot_isRejected() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> codec.decode("[1,2]".getBytes(UTF_8)));
    assertEquals("must be a JSON object, was an array", e.reason());
  }

  @Test
  void decode_emptyPayload_isRejected() {
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(new byte[0]));
    assertEquals(ProtocolException.PAYLOAD, e.field());
    assertEquals("is empty", e.reason());
  }

  @Test
  void decode_oversizedPayload_isRejectedBeforeParsing() {
    byte[] payload = new byte[Limits.MAX_MESSAGE_BYTES + 1];
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(payload));
    assertEquals("is 262145 bytes, the limit is 262144", e.reason());
  }

  @Test
  void encode_batchBeyondSizeLimit_asksToSplit() {
    int n = Limits.MAX_SAMPLES_PER_BATCH / 2;
    long[] offsets = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = 100_000_000L + i * 1000L;
      values[i] = -1234.56789012345 + i;
    }
    SampleBatch batch =
        new SampleBatch(
            SampleMessages.HEADER,
            new SessionRef("S1", 1),
            0,
            List.of(
                new ChannelSamples("a", "kg", offsets, values),
                new ChannelSamples("b", "kg", offsets, values)));
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.encode(batch));
    assertTrue(e.reason().endsWith("; split the batch"), e.reason());
  }

  @Test
  void construct_tooManySamples_isRejected() {
    int n = Limits.MAX_SAMPLES_PER_BATCH + 1;
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = i;
    }
    ChannelSamples channel = new ChannelSamples("a", "kg", offsets, new double[n]);
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                new SampleBatch(
                    SampleMessages.HEADER, new SessionRef("S1", 1), 0, List.of(channel)));
    assertEquals("channels", e.field());
  }

  @Test
  void construct_nonFiniteValue_isRejected() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> new ChannelSamples("a", "kg", new long[] {0}, new double[] {Double.NaN}));
    assertEquals("values[0]", e.field());
  }

  @Test
  void channelSamples_copiesArrays_soInstancesStayImmutable() {
    long[] offsets = {0, 10};
    double[] values = {1, 2};
    ChannelSamples channel = new ChannelSamples("a", "kg", offsets, values);
    values[0] = 99;
    channel.values()[1] = 99;
    assertEquals(1.0, channel.value(0));
    assertEquals(2.0, channel.value(1));
  }

  @Test
  void command_withTextArguments_roundTrips() {
    DeviceCommand command =
        new DeviceCommand(SampleMessages.HEADER, "C-9", "SET_LIMIT", Map.of("spo2Low", "88"));
    assertEquals(command, codec.decode(codec.encode(command)));
  }

  @Test
  void hostileFieldNames_areQuotedSafely_inTheError() {
    ProtocolException empty =
        assertThrows(
            ProtocolException.class,
            () -> decode(json(SampleMessages.verticalizerSecond(1)).put("", 1)));
    assertEquals("\"\"", empty.field(), "an empty name is shown as \"\"");
    ProtocolException forged =
        assertThrows(
            ProtocolException.class,
            () ->
                decode(
                    json(SampleMessages.verticalizerSecond(1))
                        .put("x\n[main] ERROR forged line\u202e", 1)));
    assertFalse(forged.getMessage().contains("\n"), forged.getMessage());
    assertFalse(forged.getMessage().contains("\u202e"), "no bidi override");
    assertTrue(
        new ProtocolException("y".repeat(5000), "z".repeat(5000)).getMessage().length()
            < 2 * ProtocolException.MAX_TEXT + 20,
        "bounded");
    assertTrue(forged.field().startsWith("x\\u000a[main]"), forged.field());
  }

  private void assertRejected(Consumer<ObjectNode> mutation, String field, String reason) {
    ObjectNode json = json(SampleMessages.verticalizerSecond(1));
    mutation.accept(json);
    ProtocolException e = assertThrows(ProtocolException.class, () -> decode(json));
    assertEquals(field, e.field(), e.getMessage());
    assertEquals(reason, e.reason());
    assertEquals("field '" + field + "': " + reason, e.getMessage());
  }

  private static ObjectNode channel(ObjectNode json, int index) {
    return (ObjectNode) json.withArray("channels").get(index);
  }

  private ObjectNode json(Message message) {
    try {
      return (ObjectNode) JSON.readTree(codec.encode(message));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private Message decode(ObjectNode json) {
    try {
      return codec.decode(JSON.writeValueAsBytes(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
