package org.rehabtelemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for servers and benchmarks. Thread-safe; stateless. */
public final class TempDirs {
  private TempDirs() {}

  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temp dir", e);
    }
  }

  /**
   * Deletes {@code dir} and everything in it; best effort, never throws. A file that vanishes
   * during the walk (a browser's helper process still tidying its profile) is tolerated, and the
   * walk is tried again.
   */
  public static void deleteRecursively(Path dir) {
    for (int attempt = 0; attempt < 3 && dir != null && Files.exists(dir); attempt++) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
      } catch (IOException | UncheckedIOException e) {
        // Leftovers in /tmp are harmless; a failed clean-up must not fail the test.
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // As above.
    }
  }
}
