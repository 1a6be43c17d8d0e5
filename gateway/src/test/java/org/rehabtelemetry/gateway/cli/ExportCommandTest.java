package org.rehabtelemetry.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where {@code gateway export} may send an operator's password. */
class ExportCommandTest {
  @Test
  void plainHttpOnlyToLoopbackAndHttpsAnywhere() {
    for (String allowed :
        new String[] {
          "http://127.0.0.1:8080",
          "http://localhost:8080",
          "http://[::1]:8080",
          "http://127.0.0.2:8080",
          "https://gateway.ward.example",
          "https://192.0.2.7"
        }) {
      assertNull(ExportCommand.refusal(URI.create(allowed)), allowed);
    }
    for (String refused :
        new String[] {
          "http://192.0.2.7:8080",
          "http://gateway.ward.example",
          "http://localhost.evil.example",
          "http://127.0.0.1.nip.io",
          "ftp://127.0.0.1",
          "gateway:8080"
        }) {
      String why = ExportCommand.refusal(URI.create(refused));
      assertNotNull(why, refused);
      assertTrue(why.contains("https://") || why.contains("--url"), why);
    }
  }
}
