package org.rehabtelemetry.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DashboardFilesTest {
  @Test
  void theServedFiles_areEveryFileOfTheStaticDirectory() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/dashboard/static"))) {
      assertEquals(
          files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
          Set.copyOf(DashboardRoutes.STATIC_FILES));
    }
  }
}
