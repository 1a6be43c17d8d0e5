package org.rehabtelemetry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  private final MessageCodec codec = new MessageCodec();
  private final AtomicInteger ids = new AtomicInteger();

  @Test
  void sessionReceipt_roundTripsThroughTheWire() {
    Receipt receipt =
        new Receipt.ForSession(
            "S1", List.of(new SeqRange(0, 41), new SeqRange(43, 43), new SeqRange(45, 50)), null);

    List<DeviceCommand> commands = receipt.toCommands(SampleMessages.HEADER, this::nextId);

    assertEquals(1, commands.size());
    assertEquals("0-41,43,45-50", commands.get(0).args().get("seqs"));
    DeviceCommand decoded = (DeviceCommand) codec.decode(codec.encode(commands.get(0)));
    assertEquals(receipt, Receipt.parse(decoded));
  }

  @Test
  void manyGaps_splitIntoCommandsWithinTheTextLimit_coveringEveryRange() {
    List<SeqRange> ranges = new ArrayList<>();
    for (long seq = 0; seq < 20_000; seq += 3) {
      ranges.add(new SeqRange(seq + 100_000, seq + 100_001));
    }
    List<DeviceCommand> commands =
        new Receipt.ForSession("S1", ranges, null).toCommands(SampleMessages.HEADER, this::nextId);

    assertTrue(commands.size() > 1, commands.size() + " commands");
    List<SeqRange> back = new ArrayList<>();
    for (DeviceCommand command : commands) {
      assertTrue(command.args().get("seqs").length() <= Limits.MAX_TEXT_LENGTH);
      back.addAll(((Receipt.ForSession) Receipt.parse(command)).seqs());
    }
    assertEquals(ranges, back);
    assertEquals(
        commands.size(), commands.stream().map(DeviceCommand::commandId).distinct().count());
  }

  @Test
  void idleAlarmReceipt_withDeadLetterReason_roundTrips() {
    Receipt receipt = new Receipt.ForIdleAlarm("A7", AlarmState.CLEARED, "outside the time window");
    DeviceCommand command = receipt.toCommands(SampleMessages.HEADER, this::nextId).get(0);

    assertEquals(receipt, Receipt.parse((DeviceCommand) codec.decode(codec.encode(command))));
  }

  @Test
  void malformedRanges_areRefusedNamingTheArgument() {
    for (String bad :
        List.of(
            "", "5-3", "1,1", "3,2", "1-5,4-9", "a", "-1", "1-", "12345678", "1,,2", "1000000")) {
      DeviceCommand command =
          new DeviceCommand(
              SampleMessages.HEADER,
              "C1",
              Receipt.COMMAND,
              java.util.Map.of("sessionId", "S1", "seqs", bad));
      ProtocolException refused =
          assertThrows(ProtocolException.class, () -> Receipt.parse(command), bad);
      assertTrue(refused.getMessage().contains("seqs"), refused.getMessage());
    }
    DeviceCommand neither =
        new DeviceCommand(SampleMessages.HEADER, "C1", Receipt.COMMAND, java.util.Map.of());
    assertTrue(
        assertThrows(ProtocolException.class, () -> Receipt.parse(neither))
            .getMessage()
            .contains("args"));
  }

  @Test
  void resendRequest_roundTrips_andRefusesAMissingSession() {
    ResendRequest request =
        new ResendRequest("S1", List.of(new SeqRange(12, 40), new SeqRange(57, 57)));
    DeviceCommand command = request.toCommands(SampleMessages.HEADER, this::nextId).get(0);
    assertEquals("12-40,57", command.args().get("seqs"));
    assertEquals(request, ResendRequest.parse((DeviceCommand) codec.decode(codec.encode(command))));
    DeviceCommand noSession =
        new DeviceCommand(
            SampleMessages.HEADER, "C1", ResendRequest.COMMAND, java.util.Map.of("seqs", "1"));
    assertTrue(
        assertThrows(ProtocolException.class, () -> ResendRequest.parse(noSession))
            .getMessage()
            .contains("sessionId"));
  }

  @Test
  void peek_findsTheSameKeyAsDecoding_forEveryKindOfMessage() {
    Random random = new Random(7);
    List<Message> messages = new ArrayList<>(SampleMessages.oneOfEach());
    for (int i = 0; i < 500; i++) {
      messages.add(SampleMessages.random(random));
    }
    int keyed = 0;
    for (Message message : messages) {
      Optional<MessageKey> expected = MessageKey.of(message);
      if (message.type() == MessageType.STATUS || message.type() == MessageType.COMMAND) {
        expected = Optional.empty();
      }
      assertEquals(expected, MessageKey.peek(codec.encode(message)), message.toString());
      keyed += expected.isPresent() ? 1 : 0;
    }
    assertTrue(keyed > 100, keyed + " keyed");
  }

  @Test
  void peek_ofGarbage_isEmpty_neverThrows() {
    for (String garbage :
        List.of(
            "",
            "[]",
            "{",
            "{\"sessionId\":\"S 1\",\"seq\":1}",
            "{\"sessionId\":\"S\",\"seq\":-4}",
            "{\"type\":\"alarm\",\"alarmId\":\"A\",\"state\":\"melted\"}",
            "null")) {
      assertEquals(
          Optional.empty(), MessageKey.peek(garbage.getBytes(StandardCharsets.UTF_8)), garbage);
    }
    assertEquals(Optional.empty(), MessageKey.peek(new byte[Limits.MAX_MESSAGE_BYTES + 1]));
  }

  private String nextId() {
    return "R" + ids.incrementAndGet();
  }
}
