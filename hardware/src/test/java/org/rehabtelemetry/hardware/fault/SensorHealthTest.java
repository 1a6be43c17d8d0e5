package org.rehabtelemetry.hardware.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.RecordingListener;

class SensorHealthTest {
  private final RecordingListener listener = new RecordingListener();
  private final SensorHealth health = new SensorHealth("hub", 1_000, 0, listener);

  @Test
  void transientFaults_areCountedWithoutFaulting() {
    health.count(FaultKind.BAD_CRC, 3);
    assertFalse(health.status().isFaulted());
    assertEquals(3, health.status().count(FaultKind.BAD_CRC));
    assertTrue(listener.statuses.isEmpty());
  }

  @Test
  void silence_faultsOnce_andDataClearsIt() {
    health.checkSilence(500);
    assertFalse(health.status().isFaulted());
    health.checkSilence(2_000);
    health.checkSilence(3_000);
    assertEquals(FaultKind.SILENT, health.status().cause());
    assertEquals("no valid data since start, 0 ms", health.status().detail());
    assertEquals(1, health.status().count(FaultKind.SILENT));
    health.dataReceived(3_100);
    assertFalse(health.status().isFaulted());
    assertEquals(2, listener.statuses.size());
  }

  @Test
  void portLoss_suppressesSilence_andOnlyRestoreClearsIt() {
    health.portLost("/dev/ttyUSB0 disappeared");
    health.checkSilence(10_000);
    health.dataReceived(10_001);
    assertEquals(FaultKind.PORT_LOST, health.status().cause());
    assertEquals(0, health.status().count(FaultKind.SILENT));
    health.portRestored(10_002);
    assertFalse(health.status().isFaulted());
  }

  @Test
  void severalConditions_allShowInTheDetail() {
    health.raise(FaultKind.OUT_OF_RANGE, "a", "a too high");
    health.raise(FaultKind.OUT_OF_RANGE, "b", "b too low");
    health.raise(FaultKind.OUT_OF_RANGE, "a", "a too high again");
    assertEquals("a too high; b too low", health.status().detail());
    assertEquals(3, health.status().count(FaultKind.OUT_OF_RANGE));
    health.clear(FaultKind.OUT_OF_RANGE, "a");
    assertEquals("b too low", health.status().detail());
    assertEquals(3, listener.statuses.size(), "a raised, b raised, a cleared");
  }
}
