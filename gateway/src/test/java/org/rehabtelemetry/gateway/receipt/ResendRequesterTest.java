package org.rehabtelemetry.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.protocol.DeviceCommand;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.ResendRequest;
import org.rehabtelemetry.protocol.SeqRange;

class ResendRequesterTest {
  @Test
  void gaps_becomeAResendRequest_onTheDevicesCmdTopic() {
    MessageCodec codec = new MessageCodec();
    List<String> topics = new ArrayList<>();
    List<DeviceCommand> commands = new ArrayList<>();
    ResendRequester requester =
        new ResendRequester(
            (topic, payload) -> {
              topics.add(topic);
              commands.add((DeviceCommand) codec.decode(topic, payload));
              return true;
            },
            Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));

    requester.gaps("ward-b", "vert-01", "S1", List.of(new long[] {3, 4}, new long[] {7, 7}));
    requester.gaps("ward-b", "vert-01", "S1", List.of());

    assertEquals(List.of("rehab/v1/ward-b/vert-01/cmd"), topics);
    assertEquals(
        new ResendRequest("S1", List.of(new SeqRange(3, 4), new SeqRange(7, 7))),
        ResendRequest.parse(commands.get(0)));
    assertEquals(1, requester.sent.sum());
  }
}
