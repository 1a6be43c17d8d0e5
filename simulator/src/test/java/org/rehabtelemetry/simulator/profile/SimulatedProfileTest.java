package org.rehabtelemetry.simulator.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.profile.Wiring;
import org.rehabtelemetry.protocol.DeviceKind;

class SimulatedProfileTest {
  @Test
  void everyBuiltInKind_runsOnTheSimulatorsPorts_withItsOwnRulesAndMetrics() {
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      DeviceProfile builtIn = DeviceProfiles.builtIn(kind);
      DeviceProfile simulated = SimulatedProfile.profile(kind);
      assertEquals(builtIn.channels(), simulated.channels(), kind.wireName());
      assertEquals(builtIn.programmes(), simulated.programmes(), kind.wireName());
      assertEquals(builtIn.alarmRules(), simulated.alarmRules(), kind.wireName());
      assertEquals(builtIn.summary(), simulated.summary(), kind.wireName());
      assertEquals(builtIn.wiring().switches(), simulated.wiring().switches(), kind.wireName());
      simulated
          .wiring()
          .sensorHub()
          .ifPresent(hub -> assertEquals("/dev/simulated/sensorhub", hub.port()));
      simulated
          .wiring()
          .oximeter()
          .ifPresent(oximeter -> assertEquals("/dev/simulated/oximeter", oximeter.port()));
      assertTrue(simulated.wiring().tilt().isEmpty(), "no I2C sensor is left: " + kind);
    }
  }

  @Test
  void theVerticalizersI2cTilt_movesOntoTheHub_onTheNextFreeId() {
    Wiring builtIn = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER).wiring();
    Wiring simulated = SimulatedProfile.profile(DeviceKind.VERTICALIZER).wiring();
    assertTrue(builtIn.tilt().isPresent(), "the real board has the MPU6050");
    int highest =
        builtIn.sensorHub().orElseThrow().channels().stream()
            .mapToInt(Wiring.HubMapping::id)
            .max()
            .orElseThrow();
    Wiring.HubMapping moved =
        simulated.sensorHub().orElseThrow().channels().stream()
            .filter(m -> m.channel().equals("tiltDeg"))
            .findFirst()
            .orElseThrow();
    assertEquals(highest + 1, moved.id());
    assertEquals(SimulatedProfile.MOVED_SCALE, moved.scale());
  }
}
