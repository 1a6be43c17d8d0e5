package org.rehabtelemetry.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BinariesTest {
  @Test
  void require_missingBinary_failsNamingTheInstallScriptAndPackage() {
    MissingBinaryException e =
        assertThrows(
            MissingBinaryException.class,
            () -> Binaries.require("rt-no-such-program", "rt-no-such-package"));
    assertEquals(
        "'rt-no-such-program' is not installed (searched PATH and /usr/sbin, /usr/local/sbin,"
            + " /sbin). Run scripts/install-deps, which installs the Debian package"
            + " 'rt-no-such-package'.",
        e.getMessage());
  }

  @Test
  void require_programOnPath_returnsExecutable() {
    Path sh = Binaries.require("sh", "dash");
    assertTrue(Files.isExecutable(sh), sh.toString());
  }

  @Test
  void freePort_isNotListening() {
    int port = FreePort.pick();
    assertTrue(port > 0 && port < 65536);
    assertTrue(!FreePort.isListening(port), "port " + port + " should be free");
  }
}
