package org.rehabtelemetry.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.gateway.testing.TestSessions;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.Receipt;
import org.rehabtelemetry.protocol.SeqRange;

class ReceiptSenderTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  private record Sent(String topic, DeviceCommand command) {}

  private final MessageCodec codec = new MessageCodec();
  private final List<Sent> sent = new ArrayList<>();
  private final ReceiptSender sender =
      new ReceiptSender(
          (topic, payload) ->
              sent.add(new Sent(topic, (DeviceCommand) codec.decode(topic, payload))),
          Clock.fixed(T0, ZoneOffset.UTC),
          1000);

  @Test
  void storedMessages_becomeOneReceiptPerSession_onTheDevicesCmdTopic_withRanges() {
    List<Message> session = TestSessions.session("vert-01", "S1", T0, 10, 5);
    for (Message message : session) {
      if (message.sessionRef().orElseThrow().seq() != 4) {
        sender.stored("ward-b", message);
      }
    }
    sender.stored("ward-b", session.get(2)); // a resend stored twice counts once
    sender.stored("ward-b", TestSessions.session("trainer-02", "S9", T0, 1, 1).get(0));

    sender.flush();

    assertEquals(2, sent.size());
    Sent vert = sent.get(0);
    assertEquals("rehab/v1/ward-b/vert-01/cmd", vert.topic());
    assertEquals("vert-01", vert.command().header().deviceId());
    long last = session.size() - 1;
    assertEquals(
        new Receipt.ForSession("S1", List.of(new SeqRange(0, 3), new SeqRange(5, last)), null),
        Receipt.parse(vert.command()));
    assertEquals("rehab/v1/ward-b/trainer-02/cmd", sent.get(1).topic());
    assertEquals(session.size() - 1 + 1, sender.messages.sum());

    sender.flush();
    assertEquals(2, sent.size(), "nothing new: nothing sent");
  }

  @Test
  void idleAlarm_isReceiptedByIdAndState() {
    sender.stored("ward-b", idleAlarm());
    sender.flush();

    assertEquals(
        new Receipt.ForIdleAlarm("A1", AlarmState.RAISED, null),
        Receipt.parse(sent.get(0).command()));
  }

  @Test
  void deadLetter_isReceiptedWithItsReason_evenWhenItDoesNotDecode() {
    byte[] skewed =
        "{\"schema\":1,\"type\":\"samples\",\"deviceId\":\"vert-01\",\"sessionId\":\"S1\",\"seq\":7,\"t0Us\":\"x\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    sender.deadLettered(
        "rehab/v1/ward-b/vert-01/samples", skewed, "invalid message: t0Us\nbad\u0085");
    sender.deadLettered("not/a/topic", skewed, "refused");
    sender.deadLettered("rehab/v1/ward-b/vert-01/samples", new byte[] {1, 2}, "garbage");

    sender.flush();

    assertEquals(1, sent.size());
    Receipt receipt = Receipt.parse(sent.get(0).command());
    assertEquals(
        new Receipt.ForSession("S1", List.of(new SeqRange(7, 7)), "invalid message: t0Us bad "),
        receipt);
  }

  @Test
  void overTheBound_orBrokerDown_receiptsAreDropped_andCounted() {
    ReceiptSender small =
        new ReceiptSender((topic, payload) -> false, Clock.fixed(T0, ZoneOffset.UTC), 2);
    List<Message> session = TestSessions.session("vert-01", "S1", T0, 5, 1);
    small.stored("ward-b", session.get(0));
    small.stored("ward-b", session.get(2));
    small.stored("ward-b", session.get(4)); // a third range: over the bound
    small.flush();

    assertEquals(3, small.dropped.sum(), "one over the bound, two not delivered");
    assertEquals(0, small.messages.sum());
  }

  @Test
  void commandsAndMessagesWithoutKey_haveNoReceipt() {
    byte[] status =
        "{\"schema\":1,\"type\":\"status\",\"deviceId\":\"vert-01\",\"state\":\"online\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    sender.deadLettered("rehab/v1/ward-b/vert-01/cmd", status, "own command");
    sender.deadLettered("rehab/v1/ward-b/vert-01/status", status, "refused");
    sender.flush();
    assertEquals(0, sender.sent.sum());
    assertEquals(List.of(), sent);
  }

  private static AlarmEvent idleAlarm() {
    return new AlarmEvent(
        new Header("vert-01", "b1", T0),
        null,
        "A1",
        AlarmState.RAISED,
        "ESTOP",
        AlarmPriority.HIGH,
        true,
        null,
        null,
        null,
        "Emergency stop pressed");
  }
}
