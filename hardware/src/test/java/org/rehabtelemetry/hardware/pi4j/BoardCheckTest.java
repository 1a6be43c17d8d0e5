package org.rehabtelemetry.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.protocol.DeviceKind;

class BoardCheckTest {
  @TempDir Path dev;

  private final DeviceProfile verticalizer = DeviceProfiles.builtIn(DeviceKind.VERTICALIZER);

  @Test
  void noGpioChipAndNoI2cBus_areEachNamedWithTheSettingAndTheAlternative() {
    List<String> problems = BoardCheck.problems(verticalizer, dev);
    assertEquals(2, problems.size());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "hardware: board, but profiles/verticalizer.yaml wires"
                    + " GPIO pins (emergencyStop 17, startStopButton 27, footplateOccupied 22, buzzer 18)"),
        problems.get(0));
    assertTrue(problems.get(0).contains("gpiochip*"));
    assertTrue(problems.get(0).contains("simulator"));
    assertTrue(problems.get(1).contains("I2C bus 1 (wiring.tilt)"), problems.get(1));
    assertTrue(problems.get(1).contains("i2c-1"));
  }

  @Test
  void aBoardWithTheDevices_hasNoProblem() throws Exception {
    Files.createFile(dev.resolve("gpiochip0"));
    Files.createFile(dev.resolve("i2c-1"));
    assertEquals(List.of(), BoardCheck.problems(verticalizer, dev));
  }
}
