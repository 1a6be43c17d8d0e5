package org.rehabtelemetry.agent.alarm.sound;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.pi4j.MockPi4j;
import org.rehabtelemetry.hardware.pi4j.Pi4jOutputLine;
import org.rehabtelemetry.hardware.port.OutputLine;
import org.rehabtelemetry.protocol.AlarmPriority;

/**
 * The buzzer's pulse timing for each priority, through Pi4J's mock digital output on BCM 18: the
 * number of pulses in a burst, each pulse's length and the gaps, within 40 ms (a GPIO write on a
 * busy 2-core machine), and a change of priority cutting the burst short.
 */
class BuzzerPlayerTest {
  private static final long TOLERANCE_MS = 40;

  /** Level changes with their times, recorded on the way to the Pi4J mock output. */
  private static final class RecordingLine implements OutputLine {
    final OutputLine inner;
    final List<long[]> changes = new ArrayList<>(); // {nanos, 1 or 0}
    private boolean level;

    RecordingLine(OutputLine inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public synchronized void set(boolean high) {
      inner.set(high);
      if (high != level) {
        level = high;
        changes.add(new long[] {System.nanoTime(), high ? 1 : 0});
      }
    }

    synchronized List<long[]> changes() {
      return new ArrayList<>(changes);
    }
  }

  private final Context pi4j = MockPi4j.context();
  private final RecordingLine line = new RecordingLine(new Pi4jOutputLine(pi4j, 18));
  private final BuzzerPlayer player = new BuzzerPlayer(line);

  @AfterEach
  void close() {
    player.close();
    pi4j.shutdown();
  }

  @Test
  void eachPriority_playsItsBurst_pulseByPulse() {
    // One buzzer per priority on its own pin, all at once: the test lasts one high burst.
    AlarmPriority[] priorities = {AlarmPriority.HIGH, AlarmPriority.MEDIUM, AlarmPriority.LOW};
    List<RecordingLine> lines = new ArrayList<>();
    List<BuzzerPlayer> players = new ArrayList<>();
    try {
      for (int i = 0; i < priorities.length; i++) {
        RecordingLine pin = new RecordingLine(new Pi4jOutputLine(pi4j, 19 + i));
        lines.add(pin);
        players.add(new BuzzerPlayer(pin));
      }
      for (int i = 0; i < priorities.length; i++) {
        players.get(i).sound(priorities[i]);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                for (int i = 0; i < priorities.length; i++) {
                  if (lines.get(i).changes().size()
                      < 2 * SignalPattern.of(priorities[i]).pulses()) {
                    return false;
                  }
                }
                return true;
              });
    } finally {
      players.forEach(BuzzerPlayer::close);
    }
    for (int p = 0; p < priorities.length; p++) {
      SignalPattern pattern = SignalPattern.of(priorities[p]);
      List<long[]> burst = lines.get(p).changes().subList(0, 2 * pattern.pulses());
      assertEquals(0, lines.get(p).changes().size() - burst.size(), priorities[p] + ": one burst");
      for (int i = 1; i < burst.size(); i++) {
        long millis = (burst.get(i)[0] - burst.get(i - 1)[0]) / 1_000_000;
        long expected = pattern.onOffMillis().get(i - 1);
        assertTrue(
            Math.abs(millis - expected) <= TOLERANCE_MS,
            priorities[p] + " segment " + i + ": " + millis + " ms, expected " + expected);
      }
    }
  }

  @Test
  void aHigherPriority_cutsTheBurstInProgress_atOnce() {
    player.sound(AlarmPriority.LOW);
    // Inside the first low pulse (200 ms long).
    await().atMost(Duration.ofSeconds(5)).until(() -> line.changes().size() == 1);
    long switched = System.nanoTime();
    player.sound(AlarmPriority.HIGH);
    await().atMost(Duration.ofSeconds(5)).until(() -> line.changes().size() >= 4);
    player.sound(null);
    List<long[]> changes = line.changes();
    // on (low), off (cut), on (high) ...
    assertEquals(1, changes.get(0)[1]);
    assertEquals(0, changes.get(1)[1]);
    assertEquals(1, changes.get(2)[1]);
    long reaction = (changes.get(2)[0] - switched) / 1_000_000;
    assertTrue(reaction <= TOLERANCE_MS, "high started " + reaction + " ms after the change");
    long highPulse = (changes.get(3)[0] - changes.get(2)[0]) / 1_000_000;
    assertTrue(Math.abs(highPulse - 150) <= TOLERANCE_MS, "a high pulse: " + highPulse + " ms");
  }
}
