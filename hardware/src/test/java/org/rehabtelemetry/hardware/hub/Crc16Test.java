package org.rehabtelemetry.hardware.hub;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Crc16Test {
  @Test
  void of_standardCheckString_givesCcittFalseCheckValue() {
    byte[] check = "123456789".getBytes(US_ASCII);
    assertEquals(0x29B1, Crc16.of(check, 0, check.length));
  }

  @Test
  void of_emptyInput_isInitialValue() {
    assertEquals(0xFFFF, Crc16.of(new byte[0], 0, 0));
  }
}
