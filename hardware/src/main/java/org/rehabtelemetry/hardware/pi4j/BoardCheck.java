package org.rehabtelemetry.hardware.pi4j;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.Wiring;

/**
 * Checks, before the agent touches anything, that the board has the devices the profile wires: a
 * GPIO character device ({@code /dev/gpiochip*}) for its pins and {@code /dev/i2c-N} for its I²C
 * bus. Off a Pi they are missing, and Pi4J would fail only when the first line is created (gpiod)
 * or the bus is opened (linuxfs). Serial ports are not checked: a USB adapter plugged in after
 * start is normal, and its driver reports it as a sensor fault meanwhile. Stateless.
 */
public final class BoardCheck {
  private BoardCheck() {}

  /**
   * What is missing for {@code profile} under {@code devDir} (normally {@code /dev}); empty when
   * the board has everything. Each problem is a sentence naming the setting, the device and the
   * alternative.
   */
  public static List<String> problems(DeviceProfile profile, Path devDir) {
    List<String> problems = new ArrayList<>();
    Wiring wiring = profile.wiring();
    if (wiring.usesGpio() && !hasGpioChip(devDir)) {
      problems.add(
          "hardware: board, but "
              + profile.source()
              + " wires GPIO pins ("
              + gpioUses(wiring)
              + ") and this machine has no "
              + devDir.resolve("gpiochip*")
              + ": it is not a Raspberry Pi, or its GPIO driver is not loaded. Run the agent on the"
              + " device's board, or run it without hardware in the simulator (java -jar"
              + " simulator.jar device --kind "
              + profile.kind().wireName()
              + ").");
    }
    wiring
        .tilt()
        .filter(tilt -> !Files.exists(devDir.resolve("i2c-" + tilt.bus())))
        .ifPresent(
            tilt ->
                problems.add(
                    "hardware: board, but "
                        + profile.source()
                        + " wires an MPU6050 on I2C bus "
                        + tilt.bus()
                        + " (wiring.tilt) and this machine has no "
                        + devDir.resolve("i2c-" + tilt.bus())
                        + ": enable I2C (raspi-config, or dtparam=i2c_arm=on in"
                        + " /boot/firmware/config.txt) and load i2c-dev, or run the agent without"
                        + " hardware in the simulator."));
    return problems;
  }

  private static boolean hasGpioChip(Path devDir) {
    try (DirectoryStream<Path> chips = Files.newDirectoryStream(devDir, "gpiochip*")) {
      return chips.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  private static String gpioUses(Wiring wiring) {
    List<String> uses = new ArrayList<>();
    wiring.emergencyStop().ifPresent(pin -> uses.add("emergencyStop " + pin.pin()));
    wiring.startStopButton().ifPresent(button -> uses.add("startStopButton " + button.pin().pin()));
    wiring.switches().forEach((name, pin) -> uses.add(name + " " + pin.pin()));
    wiring.flowMeter().ifPresent(flow -> uses.add("flowMeter " + flow.pin()));
    wiring.buzzer().ifPresent(buzzer -> uses.add("buzzer " + buzzer.pin()));
    return String.join(", ", uses);
  }
}
