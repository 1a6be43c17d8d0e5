package org.rehabtelemetry.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundledFilesTest {
  @Test
  void aMissingFile_failsTheStart_namingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> BundledFiles.read("/bundled-test", List.of("page.html", "gone.js")));
    assertTrue(e.getMessage().contains("/bundled-test/gone.js"), e.getMessage());
  }

  @Test
  void aFileOfUnknownType_failsTheStart_namingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> BundledFiles.read("/bundled-test", List.of("notes.txt")));
    assertTrue(e.getMessage().contains("/bundled-test/notes.txt"), e.getMessage());
  }

  @Test
  void aNameThatWouldBeARoutePattern_isRefused() {
    for (String name : List.of("{x}.js", "<x>.js", "*.js", "../page.html", "a/b.js")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> BundledFiles.read("/bundled-test", List.of(name)),
          name);
    }
  }

  @Test
  void theSharedFiles_areEveryFileOfTheirDirectory() throws IOException {
    assertEquals(filesOf(Path.of("src/main/resources/web-shared")), Set.copyOf(SharedAssets.FILES));
  }

  /** The names of the regular files directly in {@code dir}. */
  static Set<String> filesOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .collect(Collectors.toSet());
    }
  }
}
