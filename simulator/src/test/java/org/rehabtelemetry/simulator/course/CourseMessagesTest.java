package org.rehabtelemetry.simulator.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionSummary;

class CourseMessagesTest {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private final CourseScript script = CourseScript.example(ALMATY);
  private final DeviceProfile profile = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);

  @Test
  void twelveSessionsOverTheFourteenDaysBeforeToday() {
    List<Instant> starts = script.starts(NOW);
    assertEquals(12, starts.size());
    LocalDate first = starts.get(0).atZone(ALMATY).toLocalDate();
    LocalDate last = starts.get(11).atZone(ALMATY).toLocalDate();
    assertEquals(LocalDate.of(2026, 11, 29), last, "the last one yesterday");
    assertEquals(13, Duration.between(first.atStartOfDay(), last.atStartOfDay()).toDays());
    assertEquals(10, starts.get(0).atZone(ALMATY).getHour());
  }

  @Test
  void eachSessionIsValidOnTheWireAndTheToleratedTiltRises() {
    MessageCodec codec = new MessageCodec();
    double[] maxTilt = new double[12];
    for (int i : new int[] {0, 2, 11}) {
      List<Message> messages =
          CourseMessages.session(script, profile, i, script.starts(NOW).get(i));
      for (int seq = 0; seq < messages.size(); seq++) {
        Message message = messages.get(seq);
        codec.decode(codec.encode(message)); // the gateway's own validation
        long actual =
            message instanceof AlarmEvent alarm
                ? alarm.sessionRef().orElseThrow().seq()
                : seqOf(message);
        assertEquals(seq, actual, "seqs run 0, 1, 2, … without a gap");
      }
      SessionEvent started = (SessionEvent) messages.get(0);
      assertEquals("P-0042", started.patientCode());
      SessionSummary summary = (SessionSummary) messages.get(messages.size() - 1);
      maxTilt[i] = summary.metrics().get("maxTiltDeg").value();
      assertTrue(
          summary.metrics().containsKey("timeAtTargetTiltMin"), summary.metrics().toString());
      long alarms = messages.stream().filter(AlarmEvent.class::isInstance).count();
      assertEquals(i == 2 ? 2 : 0, alarms, "the third session raises and clears one alarm");
    }
    assertEquals(40, maxTilt[0], 1.5);
    assertEquals(70, maxTilt[11], 1.5);
    assertTrue(maxTilt[2] > maxTilt[0] && maxTilt[11] > maxTilt[2]);
  }

  @Test
  void aCourseThatCannotBeStoredIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CourseScript("P-1", "vert-02", 12, 40, 40, 70, Duration.ofMinutes(5), ALMATY));
    assertThrows(
        RuntimeException.class,
        () -> new CourseScript("Ivanov", "vert-02", 12, 14, 40, 70, Duration.ofMinutes(5), ALMATY));
  }

  private static long seqOf(Message message) {
    if (message instanceof SessionEvent event) {
      return event.session().seq();
    } else if (message instanceof SessionSummary summary) {
      return summary.session().seq();
    } else if (message instanceof org.rehabtelemetry.protocol.SampleBatch batch) {
      return batch.session().seq();
    }
    throw new AssertionError(message);
  }
}
