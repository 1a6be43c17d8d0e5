package org.rehabtelemetry.hardware.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.protocol.DeviceKind;

class TraceFormatTest {
  @TempDir Path dir;

  @Test
  void roundTrip_keepsHeaderSamplesAndEvents_exactly() throws IOException {
    Trace trace = sample();
    Trace read = read(text(trace));
    assertEquals(trace.header(), read.header());
    assertEquals(trace.sampleCount(), read.sampleCount());
    for (int i = 0; i < trace.sampleCount(); i++) {
      assertEquals(trace.timeUs(i), read.timeUs(i));
      assertEquals(trace.channel(i), read.channel(i));
      assertEquals(trace.value(i), read.value(i), 0.0, "bit for bit");
    }
    assertEquals(trace.events(), read.events());
    assertEquals(text(trace), text(read));
  }

  @Test
  void gzippedFile_roundTrips() throws IOException {
    Path file = dir.resolve("t.trace.gz");
    TraceFormat.write(sample(), file);
    assertEquals(text(sample()), text(TraceFormat.read(file)));
  }

  @Test
  void text_looksAsDocumented() throws IOException {
    assertEquals(
        String.join(
            "\n",
            "# rehab-telemetry trace 1",
            "# name: t",
            "# kind: verticalizer",
            "# source: model test",
            "# seed: 7",
            "# durationUs: 2000000",
            "# channel: tiltDeg deg 50",
            "# channel: heartRate /min 1",
            "tUs,target,value",
            "0,@button,press",
            "20000,tiltDeg,0.25",
            "40000,tiltDeg,-1.5",
            "500000,heartRate,96",
            "1000000,@fault,sensorHub garbage 8",
            ""),
        text(sample()));
  }

  @Test
  void badInput_isNamedWithLineAndProblem() {
    assertEquals(
        "t:1: must start with \"# rehab-telemetry trace 1\"", error("# some other file\n"));
    assertEquals(
        "t:2: unknown header key \"colour\"", error("# rehab-telemetry trace 1\n# colour: red\n"));
    String header =
        "# rehab-telemetry trace 1\n# name: t\n# kind: verticalizer\n# source: x\n"
            + "# durationUs: 10\n# channel: tiltDeg deg 50\ntUs,target,value\n";
    assertEquals("t:8: no channel \"spo2\" in the header", error(header + "5,spo2,97\n"));
    assertEquals("t:8: expected a whole number >= 0, was \"-5\"", error(header + "-5,tiltDeg,1\n"));
    assertEquals(
        "t:8: a row must be \"tUs,target,value\", was \"5;tiltDeg;1\"",
        error(header + "5;tiltDeg;1\n"));
    assertTrue(error(header + "5,@dance,now\n").startsWith("t:8: unknown event @dance"));
    assertTrue(error(header + "5,tiltDeg,NaN\n").startsWith("t:8: bad sample"));
    assertEquals(
        "t:3: kind must be a device kind (a-z, then up to 31 of a-z 0-9 '-'), was \"Robot!\"",
        error(header.replace("verticalizer", "Robot!")));
  }

  @Test
  void fuzz_mutatedFiles_eitherReadOrFailWithTheFormatError() throws IOException {
    String valid = text(sample());
    Random random = new Random(42);
    int read = 0;
    int refused = 0;
    for (int round = 0; round < 5000; round++) {
      char[] chars = valid.toCharArray();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        chars[random.nextInt(chars.length)] = (char) (random.nextInt(96) + 10);
      }
      try {
        read(new String(chars));
        read++;
      } catch (TraceFormatException expected) {
        refused++;
      }
    }
    assertEquals(5000, read + refused);
    assertTrue(refused > 1000, "most mutations are refused: " + refused);
  }

  private static String error(String text) {
    return assertThrows(TraceFormatException.class, () -> read(text)).getMessage();
  }

  private static Trace read(String text) throws IOException {
    return TraceFormat.read("t", new BufferedReader(new StringReader(text)));
  }

  private static String text(Trace trace) throws IOException {
    StringWriter out = new StringWriter();
    TraceFormat.write(trace, out);
    return out.toString();
  }

  private static Trace sample() {
    return new Trace.Builder(
            new TraceHeader(
                "t",
                DeviceKind.VERTICALIZER,
                "model test",
                7L,
                2_000_000,
                List.of(
                    new TraceChannel("tiltDeg", "deg", 50),
                    new TraceChannel("heartRate", "/min", 1))))
        .sample(40_000, "tiltDeg", -1.5)
        .sample(20_000, "tiltDeg", 0.25)
        .sample(500_000, "heartRate", 96)
        .event(1_000_000, "fault", "sensorHub garbage 8")
        .event(0, "button", "press")
        .build();
  }
}
