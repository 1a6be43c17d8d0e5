package org.rehabtelemetry.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.provider.exception.ProviderNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.hardware.port.HardwareException;

/**
 * The board context uses gpiod for GPIO and linuxfs for I²C, chosen explicitly, and maps profile
 * pins to gpiod lines. This machine has no GPIO, so what can be proven here is the selection and
 * the mapping; docs/deploy-raspberry-pi.md lists what must be tried on a board.
 */
class BoardContextTest {
  private final Context board = Pi4jContexts.board();

  @AfterEach
  void shutdown() {
    board.shutdown();
  }

  @Test
  void boardContext_selectsGpiodForGpioAndLinuxfsForI2c_andNoMock() {
    assertEquals(Pi4jContexts.DIGITAL_INPUT, board.providers().get(IOType.DIGITAL_INPUT).id());
    assertEquals(Pi4jContexts.DIGITAL_OUTPUT, board.providers().get(IOType.DIGITAL_OUTPUT).id());
    assertEquals(Pi4jContexts.I2C, board.providers().get(IOType.I2C).id());
    assertEquals(
        java.util.Set.of(Pi4jContexts.DIGITAL_INPUT, Pi4jContexts.DIGITAL_OUTPUT, Pi4jContexts.I2C),
        board.providers().all().keySet(),
        "only the board's providers, no mock even with the mock plugin on the test classpath");
    assertThrows(ProviderNotFoundException.class, () -> board.providers().get(IOType.ANALOG_INPUT));
  }

  @Test
  void profilePins_mapToGpiodLineOffsets_withThePullAnOpenContactNeeds() {
    DigitalInputConfig estop = Pi4jConfigs.input(board, 17, true);
    assertEquals(17, estop.address());
    assertEquals(PullResistance.PULL_UP, estop.pull());
    assertEquals(0L, estop.debounce());
    assertEquals(PullResistance.PULL_DOWN, Pi4jConfigs.input(board, 22, false).pull());
    DigitalOutputConfig buzzer = Pi4jConfigs.output(board, 18);
    assertEquals(18, buzzer.address());
    assertEquals(DigitalState.LOW, buzzer.initialState());
    assertEquals(DigitalState.LOW, buzzer.shutdownState());
    I2CConfig tilt = Pi4jConfigs.i2c(board, 1, 0x68);
    assertEquals(1, tilt.bus());
    assertEquals(0x68, tilt.device());
  }

  @Test
  void offAPi_creatingALine_failsNamingThePin() {
    HardwareException e =
        assertThrows(HardwareException.class, () -> new BoardPorts(board).input(17, true));
    assertTrue(e.getMessage().startsWith("GPIO 17 cannot be set up as an input"), e.getMessage());
  }
}
