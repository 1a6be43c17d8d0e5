package org.rehabtelemetry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicTest {
  @Test
  void toString_buildsTreePath() {
    assertEquals(
        "rehab/v1/ward-b/vert-01/samples",
        new Topic("ward-b", "vert-01", MessageType.SAMPLES).toString());
    assertEquals(
        "rehab/v1/ward-b/hydro-2/cmd",
        new Topic("ward-b", "hydro-2", MessageType.COMMAND).toString());
  }

  @Test
  void parse_roundTripsEveryType() {
    for (MessageType type : MessageType.values()) {
      Topic topic = new Topic("site-1", "dev-9", type);
      assertEquals(topic, Topic.parse(topic.toString()));
    }
  }

  @Test
  void parse_wrongRoot_namesTopic() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Topic.parse("rehab/v2/a/b/samples"));
    assertEquals(ProtocolException.TOPIC, e.field());
    assertEquals(
        "must be rehab/v1/{site}/{deviceId}/{type}, was \"rehab/v2/a/b/samples\"", e.reason());
  }

  @Test
  void parse_extraLevel_isRejected() {
    assertThrows(ProtocolException.class, () -> Topic.parse("rehab/v1/a/b/samples/x"));
  }

  @Test
  void parse_unknownType_namesTheLevel() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Topic.parse("rehab/v1/a/b/telemetry"));
    assertEquals(ProtocolException.TOPIC, e.field());
    assertEquals(
        "type level must be one of [status, session, samples, alarm, summary, lost, live, cmd],"
            + " was \"telemetry\"",
        e.reason());
  }

  @Test
  void parse_wildcardInDevice_isRejected() {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Topic.parse("rehab/v1/a/+/samples"));
    assertEquals(ProtocolException.TOPIC, e.field());
  }

  @Test
  void filters_coverEveryDeviceOnEverySite() {
    assertEquals("rehab/v1/+/+/+", Topic.ALL);
    assertEquals("rehab/v1/+/+/alarm", Topic.filter(MessageType.ALARM));
    assertEquals("$share/gateways/rehab/v1/+/+/+", Topic.shared("gateways", Topic.ALL));
  }
}
