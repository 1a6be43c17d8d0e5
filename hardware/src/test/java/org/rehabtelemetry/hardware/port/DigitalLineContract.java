package org.rehabtelemetry.hardware.port;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What every {@link DigitalLine} must do; run against the fake and against Pi4J's mock GPIO. */
public abstract class DigitalLineContract {
  /** A line that is electrically high at first. */
  protected abstract DigitalLine createLine();

  /** Drives the line's electrical level from outside (the button, the sensor). */
  protected abstract void drive(boolean high);

  @Test
  void level_isReadable() {
    DigitalLine line = createLine();
    assertTrue(line.isHigh());
    drive(false);
    assertFalse(line.isHigh());
  }

  @Test
  void everyChange_reachesTheListenerWithTheNewLevel() {
    DigitalLine line = createLine();
    List<Boolean> levels = new CopyOnWriteArrayList<>();
    line.onChange(levels::add);
    drive(false);
    drive(true);
    drive(false);
    await().atMost(Duration.ofSeconds(2)).until(() -> levels.size() == 3);
    assertEquals(List.of(false, true, false), levels);
  }

  @Test
  void name_isNotEmpty() {
    assertFalse(createLine().name().isEmpty());
  }
}
