package org.rehabtelemetry.hardware.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;
import org.rehabtelemetry.hardware.fault.SensorHealth;

/** Keeps docs/sensor-hub-protocol.md honest: its example frames are what the code writes. */
class SensorHubProtocolDocTest {
  private static final Pattern HEX_BLOCK = Pattern.compile("```\\n((?:[0-9A-F]{2} ?)+)\\n```");

  @Test
  void exampleFrames_matchTheWriter_andDecode() throws IOException {
    List<byte[]> examples = examples();
    assertEquals(3, examples.size());
    assertArrayEquals(
        HubFrameWriter.frame(
            HubFrame.TYPE_SAMPLES,
            7,
            HubFrameWriter.samples(1_000_000L, new int[] {1, 2}, new int[] {11_200, 13_900})),
        examples.get(0));
    assertArrayEquals(
        HubFrameWriter.frame(HubFrame.TYPE_HELLO, 0, HubFrameWriter.hello(1, 4, 20261123L, 2)),
        examples.get(1));
    assertArrayEquals(
        HubFrameWriter.frame(HubFrame.TYPE_CHANNEL_STATE, 8, HubFrameWriter.channelState(2, 1)),
        examples.get(2));

    RecordingListener listener = new RecordingListener();
    SensorHubDriver driver =
        new SensorHubDriver(
            HubStreams.VERTICALIZER_CHANNELS,
            new SensorHealth("hub", 1_000_000_000L, 0, listener),
            listener,
            100_000_000L);
    byte[] samples = examples.get(0);
    driver.accept(samples, 0, samples.length, 1);
    assertEquals(List.of(11.2), listener.values("loadLeftKg"));
    assertEquals(List.of(13.9), listener.values("loadRightKg"));
  }

  private static List<byte[]> examples() throws IOException {
    Matcher blocks =
        HEX_BLOCK.matcher(Files.readString(Path.of("..", "docs", "sensor-hub-protocol.md")));
    List<byte[]> frames = new ArrayList<>();
    while (blocks.find()) {
      String[] hex = blocks.group(1).trim().split(" ");
      byte[] bytes = new byte[hex.length];
      for (int i = 0; i < hex.length; i++) {
        bytes[i] = (byte) Integer.parseInt(hex[i], 16);
      }
      frames.add(bytes);
    }
    return frames;
  }
}
