package org.rehabtelemetry.agent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TouchUiFilesTest {
  @Test
  void theServedFiles_areEveryFileOfTheUiDirectory() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/ui"))) {
      assertEquals(
          files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
          Set.copyOf(ControlApi.UI_FILES));
    }
  }
}
